import Catalog

extension Lake {
    /// The dataset called `name` with its row id, inside the caller's transaction.
    /// - Throws: ``LakeError/notFound(kind:id:)`` when there is none.
    func existingDataset(named name: String, _ tx: CatalogTransaction) throws -> (dataset: Dataset, id: Int64) {
        guard let dataset = try tx.dataset(named: name), let id = dataset.id else {
            throw LakeError.notFound(kind: "dataset", id: name)
        }
        return (dataset, id)
    }
}
