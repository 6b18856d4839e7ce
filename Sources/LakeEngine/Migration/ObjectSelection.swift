import Catalog

extension Lake {
    /// The objects `DATASET[@VERSION]` names.
    ///
    /// Without a version, the dataset's current objects (its files). With one, the version's manifest
    /// entries when it is published, else (a draft) the dataset's files.
    func objects(ofDataset spec: String, _ tx: CatalogTransaction) throws -> (label: String, objects: [MovableObject]) {
        let parts = spec.split(separator: "@", maxSplits: 1).map(String.init)
        let datasetId = try existingDataset(named: parts.first ?? spec, tx).id
        if parts.count == 2 {
            guard let number = Int(parts[1].trimmingPrefix("v")),
                let version = try tx.version(datasetId: datasetId, number: number), let versionId = version.id
            else { throw LakeError.notFound(kind: "version", id: spec) }
            if version.state != .draft { return (spec, try tx.movableObjects(versionId: versionId)) }
        }
        return (spec, try tx.movableObjects(datasetId: datasetId))
    }
}
