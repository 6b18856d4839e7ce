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
}

// MARK: - Requests

extension CatalogTransaction {
    /// Samples across datasets, optionally of one assay or one dataset, by dataset name then sample name
    /// (unique together, so the order is total).
    public func sampleListings(assay: String? = nil, datasetId: Int64? = nil) throws -> [SampleListing] {
        var conditions: [String] = []
        var arguments: CatalogArguments = []
        if let assay {
            conditions.append("p.assay = ?")
            arguments.append(assay)
        }
        if let datasetId {
            conditions.append("p.datasetId = ?")
            arguments.append(datasetId)
        }
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let formats = connection.dialect.groupConcat("f", separator: ",", orderedBy: "f")
        return try connection.fetchAll(
            SampleListing.self,
            """
            SELECT p.*, d.name AS datasetName,
              (SELECT COUNT(*) FROM genomicFile WHERE sampleId = p.id) AS fileCount,
              (SELECT \(formats) FROM
                 (SELECT DISTINCT format AS f FROM genomicFile WHERE sampleId = p.id ORDER BY f) AS fs) AS formats
            FROM sample p JOIN dataset d ON d.id = p.datasetId
            \(whereClause) ORDER BY d.name, p.name
            """,
            arguments)
    }
}
