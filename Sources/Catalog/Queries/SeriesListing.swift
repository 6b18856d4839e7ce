import GRDB

/// A series with the UID of its study and its open flags, for listings.
public struct SeriesListing: Codable, Hashable, Sendable, FetchableRecord {
    public var series: Series
    public var studyInstanceUID: String
    /// The open flags on the series; nil when none.
    public var openFlags: OpenFlagTally?

    public init(row: Row) throws {
        series = try Series(row: row)
        studyInstanceUID = row["studyInstanceUID"] ?? ""
        openFlags = OpenFlagTally(row: row)
    }
}

// MARK: - Requests

extension CatalogTransaction {
    /// One page of the series of a dataset (optionally of one study), sorted and filtered as `window` says, each
    /// with its open flags; the text filter looks at the UID, modality, body part and description.
    ///
    /// A study's series are found through `(studyId, seriesInstanceUID)`, a dataset's through `(datasetId, id)`;
    /// the default order (row id: the order series were catalogued in) needs no sort on either engine.
    public func seriesListings(
        datasetId: Int64, studyUID: String? = nil, window: ListingWindow<SeriesSort> = ListingWindow(sort: .ingested)
    ) throws -> ListingPage<SeriesListing> {
        try seriesListing(datasetId: datasetId, studyUID: studyUID, window: window)
            .page(
                SeriesListing.self,
                selecting: "s.*, (SELECT t.studyInstanceUID FROM study t WHERE t.id = s.studyId) AS studyInstanceUID, "
                    + Self.seriesFlagColumns,
                keyedBy: "s.id", window, connection)
    }

    /// Where the series `seriesUID` sits in the listing `window` describes (from 0), or nil when it holds none.
    public func seriesPosition(
        datasetId: Int64, studyUID: String? = nil, seriesUID: String, window: ListingWindow<SeriesSort>
    ) throws -> Int? {
        try seriesListing(datasetId: datasetId, studyUID: studyUID, window: window)
            .position(where: "s.id IN (SELECT x.id FROM series x WHERE x.seriesInstanceUID = ?)", [seriesUID], connection)
    }

    /// The open flags on series `s`: those of its dataset naming its UID.
    private static let seriesFlagColumns = OpenFlagTally.columns(over: [
        """
        SELECT f.severity FROM qualityFlag f WHERE f.state = 'open' AND +f.datasetId = s.datasetId
          AND f.targetKind = 'series' AND f.target = s.seriesInstanceUID
        """,
    ])

    private func seriesListing(datasetId: Int64, studyUID: String?, window: ListingWindow<SeriesSort>) -> ListingStatement {
        var listing = ListingStatement(
            "FROM series s WHERE s.datasetId = ?", [datasetId],
            order: window.sort.order, descending: window.descending)
        if let studyUID {
            listing.filter(
                "s.studyId = (SELECT id FROM study WHERE datasetId = ? AND studyInstanceUID = ?)", [datasetId, studyUID])
        }
        listing.match(
            window.text, in: ["s.seriesInstanceUID", "s.modality", "s.bodyPart", "s.description"],
            dialect: connection.dialect)
        return listing
    }
}
