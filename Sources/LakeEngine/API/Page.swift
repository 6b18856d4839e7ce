/// Which slice of a listing to return.
///
/// The limit is capped at ``maximumLimit`` so no single answer carries a whole catalog; a client that
/// needs everything asks page after page (``Page/nextOffset``).
public struct PageRequest: Codable, Sendable, Hashable {
    /// Items to skip.
    public var offset: Int
    /// Items to return at most (1…``maximumLimit``).
    public var limit: Int
    /// The listing's size as an earlier page with the same filters said it (in another order or at
    /// another offset), so a sorted or windowed listing answers with it instead of counting every row
    /// again; nil to have it counted. Only the asker's own view depends on it.
    public var knownTotal: Int?

    /// The largest page any listing returns.
    public static let maximumLimit = 1000
    /// The page a listing returns when the caller does not say.
    public static let first = PageRequest(offset: 0, limit: 200)

    public init(offset: Int = 0, limit: Int = 200, knownTotal: Int? = nil) {
        self.offset = max(0, offset)
        self.limit = min(max(1, limit), Self.maximumLimit)
        self.knownTotal = knownTotal.map { max(0, $0) }
    }
}

/// One slice of a listing, with the size of the whole.
public struct Page<Item: Codable & Sendable>: Codable, Sendable {
    public var items: [Item]
    /// Where this slice starts in the whole listing.
    public var offset: Int
    /// How many items the whole listing holds.
    public var total: Int

    public init(items: [Item], offset: Int, total: Int) {
        self.items = items
        self.offset = offset
        self.total = total
    }

    /// The offset of the next page, or nil when this is the last.
    public var nextOffset: Int? {
        offset + items.count < total && !items.isEmpty ? offset + items.count : nil
    }

    /// The slice `request` selects from `all`, the whole listing.
    public init(slicing all: [Item], _ request: PageRequest) {
        let start = min(request.offset, all.count)
        let end = min(start + request.limit, all.count)
        self.init(items: Array(all[start..<end]), offset: start, total: all.count)
    }
}

extension Page: Equatable where Item: Equatable {}

/// Every item of a listing, fetched page by page: for commands that print a whole listing.
///
/// Pages of ``PageRequest/maximumLimit`` keep each answer bounded; the loop ends at the last page.
public func allPages<Item>(
    _ fetch: (PageRequest) async throws -> Page<Item>
) async throws -> [Item] {
    var items: [Item] = []
    var request = PageRequest(offset: 0, limit: PageRequest.maximumLimit)
    while true {
        let page = try await fetch(request)
        items += page.items
        guard let next = page.nextOffset else { return items }
        request.offset = next
    }
}
