import GRDB

/// A series with the UID of its study, for listings.
public struct SeriesListing: Codable, Hashable, Sendable, FetchableRecord {
    public var series: Series
    public var studyInstanceUID: String

    public init(row: Row) throws {
        series = try Series(row: row)
        studyInstanceUID = row["studyInstanceUID"] ?? ""
    }

    /// The series of a dataset (optionally of one study) in ingest order, through the `datasetId` index.
    static func fetchAll(_ db: Database, datasetId: Int64, studyUID: String? = nil) throws -> [SeriesListing] {
        var sql = """
            SELECT s.*, t.studyInstanceUID FROM series s JOIN study t ON t.id = s.studyId
            WHERE s.datasetId = ?
            """
        var arguments: StatementArguments = [datasetId]
        if let studyUID {
            sql += " AND t.studyInstanceUID = ?"
            _ = arguments.append(contentsOf: [studyUID])
        }
        // Ingest order: the `datasetId` index already yields it, so 10,000 series need no sort.
        sql += " ORDER BY s.id"
        return try SeriesListing.fetchAll(db, sql: sql, arguments: arguments)
    }
}

extension CatalogTransaction {
    /// The series of a dataset, optionally of one study, in ingest order.
    public func seriesListings(datasetId: Int64, studyUID: String? = nil) throws -> [SeriesListing] {
        try SeriesListing.fetchAll(db, datasetId: datasetId, studyUID: studyUID)
    }
}
