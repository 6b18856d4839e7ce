import Catalog
import Genomics
import Storage

extension Lake {
    /// Reads the header of the genomic file `sha256` of sample `sample` in dataset `name` from its tier
    /// (plus the end-of-file check), and records the access like any object read. The report names the
    /// file by the path it was ingested as, never by its place in the tier (a served lake keeps its tier
    /// folders to itself).
    ///
    /// With `streaming`, every record is read too (flagstat, variant or read counts, and damage found
    /// past the header); that takes as long as the file is big, so the workbench asks for it on a key.
    /// - Throws: ``LakeError/notPermitted(user:permission:)`` without read access,
    ///   ``LakeError/notFound(kind:id:)`` when the file is not one of the sample's,
    ///   ``LakeError/restoreRequired(object:tier:datasets:)`` when its tier needs a restore first, and
    ///   ``LakeError/invalidArgument(_:)`` for an object in an S3 tier (the inspector reads folder tiers).
    public func inspectGenomicFile(dataset name: String, sample: String, sha256: String, streaming: Bool = false) throws
        -> GenomicFileInspection
    {
        try authorize(.read)
        guard let entry = try genomicFiles(dataset: name, sample: sample).first(where: { $0.sha256 == sha256 }),
            let digest = ObjectDigest(hex: entry.sha256)
        else { throw LakeError.notFound(kind: "genomic file", id: sha256) }
        if configuration.tiers[entry.tier]?.restoreRequired == true {
            throw LakeError.restoreRequired(object: entry.sha256, tier: entry.tier, datasets: [name])
        }
        let path = try objectPath(digest, tier: entry.tier)
        let report = GenomicInspector(headerOnly: !streaming).inspect(path: path, name: entry.path)
        let objectId = try catalog.read { tx in try tx.object(sha256: entry.sha256)?.id }
        if let objectId, accesses.record(objectId) { try accesses.flush(to: catalog) }
        let flags = try listFlags(FlagFilter(target: sample, dataset: name))
            + listFlags(FlagFilter(target: entry.sha256))
        return GenomicFileInspection(
            entry: entry, report: report,
            flags: flags.sorted { ($0.id ?? 0) < ($1.id ?? 0) }.map { FlagSummary($0, dataset: $0.datasetId == nil ? nil : name) })
    }
}
