import Catalog

/// What ``CatalogQueries/samples(_:)`` lists: samples of the readable datasets (or of one), filtered, sorted
/// and paged by the engine.
public struct SampleQuery: Codable, Sendable, Hashable {
    public var assay: String?
    public var dataset: String?
    public var sort: SampleSort
    public var descending: Bool
    /// Only samples whose name, assay, reference genome, dataset or a file format holds this text, ignoring
    /// ASCII case.
    public var text: String?
    public var page: PageRequest

    public init(
        assay: String? = nil, dataset: String? = nil, sort: SampleSort = .dataset, descending: Bool = false,
        text: String? = nil, page: PageRequest = .first
    ) {
        self.assay = assay
        self.dataset = dataset
        self.sort = sort
        self.descending = descending
        self.text = text
        self.page = page
    }
}
