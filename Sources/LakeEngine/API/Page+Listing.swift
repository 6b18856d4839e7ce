import Catalog

/// The seam between the API's paging (``PageRequest``, ``Page``) and the catalog's (`ListingWindow`,
/// `ListingPage`): the listings cut in SQL cross it both ways.
extension Page {
    /// The API page of a catalog listing's page, each row made an item by `item`.
    init<Row>(_ listing: ListingPage<Row>, _ item: (Row) throws -> Item) rethrows {
        self.init(items: try listing.rows.map(item), offset: listing.offset, total: listing.total)
    }
}

extension ListingWindow {
    /// The catalog window for an API listing's order, text filter and page.
    init(sort: Sort, descending: Bool, text: String?, _ page: PageRequest) {
        self.init(
            sort: sort, descending: descending, text: text, offset: page.offset, limit: page.limit,
            knownTotal: page.knownTotal)
    }
}
