import GRDB

/// A sample with its dataset's name and its file formats, for listings.
public struct SampleListing: Codable, Hashable, Sendable, FetchableRecord {
    public var sample: Sample
    public var datasetName: String
    public var fileCount: Int
    /// Comma-separated, sorted.
    public var formats: String

    public init(row: Row) throws {
        sample = try Sample(row: row)
        datasetName = row["datasetName"] ?? ""
        fileCount = row["fileCount"] ?? 0
        formats = row["formats"] ?? ""
    }

    /// Samples across datasets, optionally of one assay or one dataset.
    static func fetchAll(_ db: Database, assay: String? = nil, datasetId: Int64? = nil) throws -> [SampleListing] {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        if let assay {
            conditions.append("p.assay = ?")
            _ = arguments.append(contentsOf: [assay])
        }
        if let datasetId {
            conditions.append("p.datasetId = ?")
            _ = arguments.append(contentsOf: [datasetId])
        }
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        return try SampleListing.fetchAll(
            db,
            sql: """
                SELECT p.*, d.name AS datasetName,
                  (SELECT COUNT(*) FROM genomicFile WHERE sampleId = p.id) AS fileCount,
                  (SELECT GROUP_CONCAT(f, ',') FROM
                     (SELECT DISTINCT format AS f FROM genomicFile WHERE sampleId = p.id ORDER BY f)) AS formats
                FROM sample p JOIN dataset d ON d.id = p.datasetId
                \(whereClause) ORDER BY d.name, p.name
                """,
            arguments: arguments
        )
    }
}

extension CatalogTransaction {
    /// Samples across datasets, optionally of one assay or one dataset.
    public func sampleListings(assay: String? = nil, datasetId: Int64? = nil) throws -> [SampleListing] {
        try SampleListing.fetchAll(db, assay: assay, datasetId: datasetId)
    }
}
