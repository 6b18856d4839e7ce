import GRDB

/// A study with its series and instance counts and the modalities it holds.
public struct StudySummary: Codable, Hashable, Sendable, FetchableRecord {
    public var study: Study
    public var seriesCount: Int
    public var instanceCount: Int
    /// Comma-separated, sorted.
    public var modalities: String

    public init(row: Row) throws {
        study = try Study(row: row)
        seriesCount = row["seriesCount"] ?? 0
        instanceCount = row["instanceCount"] ?? 0
        modalities = row["modalities"] ?? ""
    }
}

// MARK: - Requests

extension CatalogTransaction {
    /// The studies of a dataset with their counts, by date (a study without one first, on both engines:
    /// PostgreSQL would put NULLs last) then UID, which is unique in a dataset, so the order is total.
    ///
    /// `CAST(… AS BIGINT)`: PostgreSQL sums integers as `numeric`, which the seam does not read.
    public func studySummaries(datasetId: Int64) throws -> [StudySummary] {
        let modalities = connection.dialect.groupConcat("m", separator: ",", orderedBy: "m")
        return try connection.fetchAll(
            StudySummary.self,
            """
            SELECT t.*, COUNT(s.id) AS seriesCount, CAST(COALESCE(SUM(s.instanceCount), 0) AS BIGINT) AS instanceCount,
              (SELECT \(modalities) FROM
                 (SELECT DISTINCT modality AS m FROM series WHERE studyId = t.id ORDER BY m) AS ms) AS modalities
            FROM study t LEFT JOIN series s ON s.studyId = t.id
            WHERE t.datasetId = ?
            GROUP BY t.id ORDER BY t.studyDate NULLS FIRST, t.studyInstanceUID
            """,
            [datasetId])
    }
}
