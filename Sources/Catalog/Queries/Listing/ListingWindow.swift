/// Which rows of a sorted, filtered listing a catalog request returns: its order, its free-text filter and
/// the slice of it.
///
/// Every listing request (``CatalogTransaction/studySummaries(datasetId:window:)``, series, samples, flags)
/// sorts, filters and slices in SQL, so a lake of millions of rows answers a page without reading the rest.
/// The order is total on both engines: each sort ends with a unique key, so pages never overlap or skip a
/// row, and `descending` reverses the whole order (ties included).
public struct ListingWindow<Sort: Sendable & Hashable>: Sendable, Hashable {
    public var sort: Sort
    public var descending: Bool
    /// Keeps the rows where one of the listing's text columns holds this text, ignoring ASCII case (`%` and
    /// `_` are themselves); nil or empty keeps every row.
    public var text: String?
    /// Rows to skip.
    public var offset: Int
    /// Rows to return at most.
    public var limit: Int
    /// The size of the filtered listing when the caller has it already, from a page cut with the same
    /// filters and text (in another order, or at another offset): the page's total is then this one, not
    /// counted again. A count is a second pass over every row the filter keeps, the larger part of a sort
    /// or a scroll on a long listing. A page that shows the listing ends elsewhere still says where.
    public var knownTotal: Int?

    public init(
        sort: Sort, descending: Bool = false, text: String? = nil, offset: Int = 0, limit: Int = Int(Int32.max),
        knownTotal: Int? = nil
    ) {
        self.sort = sort
        self.descending = descending
        self.text = text
        self.offset = max(0, offset)
        self.limit = max(1, limit)
        self.knownTotal = knownTotal.map { max(0, $0) }
    }

    /// This window moved to the slice holding the row at `position` (from 0) of the listing.
    public func holding(position: Int) -> Self {
        var window = self
        window.offset = position - position % limit
        return window
    }
}

/// One slice of a listing, with how many rows the whole filtered listing holds.
public struct ListingPage<Row: Sendable>: Sendable {
    public var rows: [Row]
    /// Where the slice starts in the filtered listing.
    public var offset: Int
    /// Rows of the filtered listing, on every page.
    public var total: Int

    public init(rows: [Row], offset: Int, total: Int) {
        self.rows = rows
        self.offset = offset
        self.total = total
    }
}

extension ListingPage: Equatable where Row: Equatable {}
