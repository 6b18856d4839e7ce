import Catalog

/// What ``CatalogQueries/studies(_:)`` lists: one dataset's studies, or every readable dataset's grouped by
/// dataset name, filtered, sorted and paged by the engine.
public struct StudyQuery: Codable, Sendable, Hashable {
    /// Nil: the studies of every dataset the caller may read, by dataset name, each dataset's in `sort`.
    public var dataset: String?
    public var sort: StudySort
    public var descending: Bool
    /// Only studies whose UID, patient pseudonym, date, description or a modality holds this text, ignoring
    /// ASCII case.
    public var text: String?
    /// Answer the page holding this study (by UID) instead of the one at `page.offset`: how a client finds a
    /// row in a sorted, filtered listing. A study the listing does not hold is not found; needs `dataset`.
    public var containing: String?
    public var page: PageRequest

    public init(
        dataset: String?, sort: StudySort = .date, descending: Bool = false, text: String? = nil,
        containing: String? = nil, page: PageRequest = .first
    ) {
        self.dataset = dataset
        self.sort = sort
        self.descending = descending
        self.text = text
        self.containing = containing
        self.page = page
    }
}
