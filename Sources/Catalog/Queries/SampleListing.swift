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
    /// One page of the samples across datasets, optionally of one assay, of one dataset and of datasets among
    /// `datasetIds` (nil: any), sorted and filtered as `window` says; the text filter looks at the name, assay,
    /// reference genome, dataset name and file formats.
    public func sampleListings(
        assay: String? = nil, datasetId: Int64? = nil, among datasetIds: Set<Int64>? = nil,
        window: ListingWindow<SampleSort> = ListingWindow(sort: .dataset)
    ) throws -> ListingPage<SampleListing> {
        var listing = ListingStatement(
            "FROM sample p JOIN dataset d ON d.id = p.datasetId WHERE true", [], order: window.sort.order,
            descending: window.descending)
        if let assay { listing.filter("p.assay = ?", [assay]) }
        if let datasetId { listing.filter("p.datasetId = ?", [datasetId]) }
        if let datasetIds { listing.filter(member("p.datasetId", of: datasetIds), datasetIds.sorted().map { $0 }) }
        listing.match(
            window.text, in: ["p.name", "p.assay", "p.referenceGenome", "d.name"], dialect: connection.dialect,
            related: [.init(table: "genomicFile g", link: "g.sampleId = p.id", column: "g.format")])
        let formats = connection.dialect.groupConcat("f", separator: ",", orderedBy: "f")
        return try listing.page(
            SampleListing.self,
            selecting: """
                p.*, d.name AS datasetName, (SELECT COUNT(*) FROM genomicFile WHERE sampleId = p.id) AS fileCount,
                  (SELECT \(formats) FROM
                     (SELECT DISTINCT format AS f FROM genomicFile WHERE sampleId = p.id ORDER BY f) AS fs) AS formats
                """,
            keyedBy: "p.id", window, connection)
    }

    /// The ids of the datasets holding samples (of `assay`, when given): whose read rights a listing checks.
    public func datasetIdsHoldingSamples(assay: String? = nil) throws -> Set<Int64> {
        var sql = "SELECT d.id FROM dataset d WHERE EXISTS (SELECT 1 FROM sample p WHERE p.datasetId = d.id"
        var arguments: CatalogArguments = []
        if let assay {
            sql += " AND p.assay = ?"
            arguments.append(assay)
        }
        return Set(try connection.fetchValues(Int64.self, sql + ")", arguments))
    }

}
