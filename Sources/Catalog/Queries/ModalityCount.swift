import GRDB

/// How many series and instances of one modality the catalog (or one dataset) holds.
public struct ModalityCount: Codable, Hashable, Sendable, FetchableRecord {
    public var modality: String
    public var seriesCount: Int
    public var instanceCount: Int

    public init(row: Row) throws {
        modality = row["modality"] ?? ""
        seriesCount = row["seriesCount"] ?? 0
        instanceCount = row["instanceCount"] ?? 0
    }

    /// Counts by modality, largest first. Reads the `(modality, instanceCount)` covering index of
    /// `series` (or `(datasetId, modality)` for one dataset), never the instance table.
    static func fetchAll(_ db: Database, datasetId: Int64? = nil) throws -> [ModalityCount] {
        let filter = datasetId == nil ? "" : "WHERE datasetId = ?"
        let arguments: StatementArguments = datasetId.map { [$0] } ?? []
        return try ModalityCount.fetchAll(
            db,
            sql: """
                SELECT modality, COUNT(*) AS seriesCount, SUM(instanceCount) AS instanceCount
                FROM series \(filter) GROUP BY modality ORDER BY instanceCount DESC, modality
                """,
            arguments: arguments
        )
    }
}

extension CatalogTransaction {
    /// Series and instance counts by modality, over the lake or one dataset.
    public func modalityCounts(datasetId: Int64? = nil) throws -> [ModalityCount] {
        try ModalityCount.fetchAll(db, datasetId: datasetId)
    }
}
