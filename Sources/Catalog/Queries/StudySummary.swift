import GRDB

/// A study with its series and instance counts, the modalities it holds and its open flags.
public struct StudySummary: Codable, Hashable, Sendable, FetchableRecord {
    public var study: Study
    public var seriesCount: Int
    public var instanceCount: Int
    /// Comma-separated, sorted.
    public var modalities: String
    /// The name of the study's dataset.
    public var datasetName: String
    /// The open flags on the study and on its series; nil when none.
    public var openFlags: OpenFlagTally?

    public init(row: Row) throws {
        study = try Study(row: row)
        seriesCount = row["seriesCount"] ?? 0
        instanceCount = row["instanceCount"] ?? 0
        modalities = row["modalities"] ?? ""
        datasetName = row["datasetName"] ?? ""
        openFlags = OpenFlagTally(row: row)
    }
}

// MARK: - Requests

extension CatalogTransaction {
    /// One page of the studies of a dataset, or of the datasets among `datasetIds` (nil: of every dataset),
    /// with their counts and open flags, sorted and filtered as `window` says; the text filter looks at the
    /// UID, patient pseudonym, date, description and the series' modalities.
    ///
    /// Studies of several datasets stay grouped by dataset name: `window`'s order applies within each
    /// dataset, and the dataset name with the study UID keeps the order total. The page is cut from the study
    /// table alone (for one dataset, in the default order, through its `(datasetId, studyDate,
    /// studyInstanceUID)` index) before the counts are read, so only the page's studies are counted.
    /// `CAST(… AS BIGINT)`: PostgreSQL sums integers as `numeric`, which the seam does not read.
    public func studySummaries(
        datasetId: Int64? = nil, among datasetIds: Set<Int64>? = nil,
        window: ListingWindow<StudySort> = ListingWindow(sort: .date)
    ) throws -> ListingPage<StudySummary> {
        let listing = studyListing(datasetId: datasetId, among: datasetIds, window: window)
        let modalities = connection.dialect.groupConcat("m", separator: ",", orderedBy: "m")
        let rows = try connection.fetchAll(
            StudySummary.self,
            """
            SELECT t.*, d.name AS datasetName, (SELECT COUNT(*) FROM series c WHERE c.studyId = t.id) AS seriesCount,
              (SELECT CAST(COALESCE(SUM(c.instanceCount), 0) AS BIGINT) FROM series c WHERE c.studyId = t.id)
                AS instanceCount,
              (SELECT \(modalities) FROM
                 (SELECT DISTINCT modality AS m FROM series WHERE studyId = t.id ORDER BY m) AS ms) AS modalities,
              \(Self.studyFlagColumns)
            FROM study t JOIN dataset d ON d.id = t.datasetId
            WHERE t.id IN (SELECT t.id \(listing.source) \(listing.orderBy) LIMIT ? OFFSET ?)
            \(listing.orderBy)
            """,
            listing.arguments + [window.limit, window.offset])
        return ListingPage(
            rows: rows, offset: window.offset, total: try listing.total(of: rows.count, in: window, connection))
    }

    /// Where the study `studyUID` sits in the listing `window` describes (from 0), or nil when it holds none.
    public func studyPosition(
        datasetId: Int64, studyUID: String, window: ListingWindow<StudySort>
    ) throws -> Int? {
        try studyListing(datasetId: datasetId, among: nil, window: window)
            .position(where: "t.id IN (SELECT x.id FROM study x WHERE x.studyInstanceUID = ?)", [studyUID], connection)
    }

    /// The ids of the datasets holding studies: whose read rights a listing across datasets checks.
    public func datasetIdsHoldingStudies() throws -> Set<Int64> {
        Set(
            try connection.fetchValues(
                Int64.self, "SELECT d.id FROM dataset d WHERE EXISTS (SELECT 1 FROM study t WHERE t.datasetId = d.id)",
                []))
    }

    /// The open flags on study `t` and its series: those of its dataset naming its UID or one of its series'.
    private static let studyFlagColumns = OpenFlagTally.columns(over: [
        """
        SELECT f.severity FROM qualityFlag f WHERE f.state = 'open' AND +f.datasetId = t.datasetId
          AND f.targetKind = 'study' AND f.target = t.studyInstanceUID
        """,
        """
        SELECT f.severity FROM series m JOIN qualityFlag f ON f.target = m.seriesInstanceUID
        WHERE m.studyId = t.id AND f.state = 'open' AND +f.datasetId = t.datasetId AND f.targetKind = 'series'
        """,
    ])

    private func studyListing(
        datasetId: Int64?, among datasetIds: Set<Int64>?, window: ListingWindow<StudySort>
    ) -> ListingStatement {
        var listing: ListingStatement
        if let datasetId {
            listing = ListingStatement(
                "FROM study t WHERE t.datasetId = ?", [datasetId], order: window.sort.order, descending: window.descending)
        } else {
            listing = ListingStatement(
                "FROM study t JOIN dataset d ON d.id = t.datasetId WHERE true", [],
                order: [.init(expression: "d.name")] + window.sort.order, descending: window.descending)
        }
        if let datasetIds { listing.filter(member("t.datasetId", of: datasetIds), datasetIds.sorted().map { $0 }) }
        listing.match(
            window.text, in: ["t.studyInstanceUID", "t.patientPseudonym", "t.studyDate", "t.description"],
            dialect: connection.dialect,
            related: [.init(table: "series m", link: "m.studyId = t.id", column: "m.modality")])
        return listing
    }
}
