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

    /// The studies of a dataset, by date then UID.
    static func fetchAll(_ db: Database, datasetId: Int64) throws -> [StudySummary] {
        try StudySummary.fetchAll(
            db,
            sql: """
                SELECT t.*, COUNT(s.id) AS seriesCount, IFNULL(SUM(s.instanceCount), 0) AS instanceCount,
                  (SELECT GROUP_CONCAT(m, ',') FROM
                     (SELECT DISTINCT modality AS m FROM series WHERE studyId = t.id ORDER BY m)) AS modalities
                FROM study t LEFT JOIN series s ON s.studyId = t.id
                WHERE t.datasetId = ?
                GROUP BY t.id ORDER BY t.studyDate, t.studyInstanceUID
                """,
            arguments: [datasetId]
        )
    }
}

extension CatalogTransaction {
    /// The studies of a dataset, by date then UID, with their counts.
    public func studySummaries(datasetId: Int64) throws -> [StudySummary] {
        try StudySummary.fetchAll(db, datasetId: datasetId)
    }
}
