import GRDB

extension CatalogTransaction {
    /// The instances of series `seriesUID` in the dataset with row id `datasetId`, by instance number.
    public func instances(datasetId: Int64, seriesUID: String) throws -> [Instance] {
        try Instance.fetchAll(
            db,
            sql: """
                SELECT i.* FROM instance i JOIN series s ON s.id = i.seriesId
                WHERE s.datasetId = ? AND s.seriesInstanceUID = ?
                ORDER BY i.instanceNumber, i.sopInstanceUID
                """,
            arguments: [datasetId, seriesUID])
    }
}
