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
    /// One page of the studies of a dataset with their counts, sorted and filtered as `window` says; the text
    /// filter looks at the UID, patient pseudonym, date, description and the series' modalities.
    ///
    /// The page is cut from the study table alone (in the default order, through its `(datasetId, studyDate,
    /// studyInstanceUID)` index) before the counts are read, so only the page's studies are counted. `CAST(… AS BIGINT)`: PostgreSQL sums
    /// integers as `numeric`, which the seam does not read.
    public func studySummaries(
        datasetId: Int64, window: ListingWindow<StudySort> = ListingWindow(sort: .date)
    ) throws -> ListingPage<StudySummary> {
        let listing = studyListing(datasetId: datasetId, window: window)
        let modalities = connection.dialect.groupConcat("m", separator: ",", orderedBy: "m")
        let rows = try connection.fetchAll(
            StudySummary.self,
            """
            SELECT t.*, (SELECT COUNT(*) FROM series c WHERE c.studyId = t.id) AS seriesCount,
              (SELECT CAST(COALESCE(SUM(c.instanceCount), 0) AS BIGINT) FROM series c WHERE c.studyId = t.id)
                AS instanceCount,
              (SELECT \(modalities) FROM
                 (SELECT DISTINCT modality AS m FROM series WHERE studyId = t.id ORDER BY m) AS ms) AS modalities
            FROM study t WHERE t.id IN (SELECT t.id \(listing.source) \(listing.orderBy) LIMIT ? OFFSET ?)
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
        try studyListing(datasetId: datasetId, window: window)
            .position(where: "t.id IN (SELECT x.id FROM study x WHERE x.studyInstanceUID = ?)", [studyUID], connection)
    }

    private func studyListing(datasetId: Int64, window: ListingWindow<StudySort>) -> ListingStatement {
        var listing = ListingStatement(
            "FROM study t WHERE t.datasetId = ?", [datasetId], order: window.sort.order, descending: window.descending)
        listing.match(
            window.text, in: ["t.studyInstanceUID", "t.patientPseudonym", "t.studyDate", "t.description"],
            dialect: connection.dialect,
            related: [.init(table: "series m", link: "m.studyId = t.id", column: "m.modality")])
        return listing
    }
}
