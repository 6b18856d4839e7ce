import GRDB

extension CatalogTransaction {
    /// The instances of series `seriesUID` in the dataset with row id `datasetId`, by instance number
    /// unless `order` says otherwise.
    public func instances(
        datasetId: Int64, seriesUID: String, order: ListingOrder<InstanceSortKey>? = nil
    ) throws -> [Instance] {
        try Instance.fetchAll(
            db,
            sql: """
                SELECT i.* FROM instance i JOIN series s ON s.id = i.seriesId
                WHERE s.datasetId = ? AND s.seriesInstanceUID = ?
                ORDER BY \(order?.orderBy ?? InstanceSortKey.tieBreaker)
                """,
            arguments: [datasetId, seriesUID])
    }
}
