import Catalog

/// What ``CatalogQueries/series(_:)`` lists: one dataset's series (or one study's), filtered, sorted and
/// paged by the engine.
public struct SeriesQuery: Codable, Sendable, Hashable {
    public var dataset: String
    /// Only the series of this study.
    public var study: String?
    public var sort: SeriesSort
    public var descending: Bool
    /// Only series whose UID, modality, body part or description holds this text, ignoring ASCII case.
    public var text: String?
    /// Answer the page holding this series (by UID) instead of the one at `page.offset`: how a client finds a
    /// row in a sorted, filtered listing (the workbench's jump from a flag). A series the listing does not
    /// hold is not found.
    public var containing: String?
    public var page: PageRequest

    public init(
        dataset: String, study: String? = nil, sort: SeriesSort = .ingested, descending: Bool = false,
        text: String? = nil, containing: String? = nil, page: PageRequest = .first
    ) {
        self.dataset = dataset
        self.study = study
        self.sort = sort
        self.descending = descending
        self.text = text
        self.containing = containing
        self.page = page
    }
}
