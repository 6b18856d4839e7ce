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
}

// MARK: - Requests

extension CatalogTransaction {
    /// Series and instance counts by modality, over the lake or one dataset, largest first (then by modality:
    /// each modality is one row, so the order is total).
    ///
    /// Reads the `(modality, instanceCount)` covering index of `series` (or `(datasetId, modality)` for one
    /// dataset), never the instance table. `CAST(SUM(…) AS BIGINT)`: PostgreSQL sums integers as `numeric`,
    /// which the seam does not read.
    public func modalityCounts(datasetId: Int64? = nil) throws -> [ModalityCount] {
        let filter = datasetId == nil ? "" : "WHERE datasetId = ?"
        return try connection.fetchAll(
            ModalityCount.self,
            """
            SELECT modality, COUNT(*) AS seriesCount, CAST(SUM(instanceCount) AS BIGINT) AS instanceCount
            FROM series \(filter) GROUP BY modality ORDER BY instanceCount DESC, modality
            """,
            datasetId.map { [$0] } ?? [])
    }
}
