import GRDB

/// A series with the UID of its study, for listings.
public struct SeriesListing: Codable, Hashable, Sendable, FetchableRecord {
    public var series: Series
    public var studyInstanceUID: String

    public init(row: Row) throws {
        series = try Series(row: row)
        studyInstanceUID = row["studyInstanceUID"] ?? ""
    }
}

// MARK: - Requests

extension CatalogTransaction {
    /// The series of a dataset (optionally of one study) in ingest order, through the `datasetId` index.
    ///
    /// Ingest order is row id order: SQLite's `datasetId` index already yields it (its entries end with the
    /// row id), so 10,000 series need no sort; PostgreSQL reads its `(datasetId, id)` index.
    public func seriesListings(datasetId: Int64, studyUID: String? = nil) throws -> [SeriesListing] {
        var sql = """
            SELECT s.*, t.studyInstanceUID FROM series s JOIN study t ON t.id = s.studyId
            WHERE s.datasetId = ?
            """
        var arguments: CatalogArguments = [datasetId]
        if let studyUID {
            sql += " AND t.studyInstanceUID = ?"
            arguments.append(studyUID)
        }
        sql += " ORDER BY s.id"
        return try connection.fetchAll(SeriesListing.self, sql, arguments)
    }
}
