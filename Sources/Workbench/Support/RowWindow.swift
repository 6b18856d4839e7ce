import LakeEngine
import TUI
/// The rows of a listing too long to hold, kept as the few pages around the cursor.
///
/// A study may hold 10,000 series and a lake a million instances, so a list over such a listing asks the
/// API for pages of ``pageSize`` rows: the page under the cursor, and the next one before the cursor
/// reaches it (the previous one too in the first half of a page, for scrolling up). At most
/// ``capacity`` pages are held; the ones farthest from the cursor go first. ``total`` (the listing's
/// size, from the first page's answer) sizes the table and its scroll bar, so `G`/End jump to the last
/// row and the page under it is fetched then.
///
/// Answers carry the ``generation`` they were asked for: ``restart()`` (a reload) makes every answer in
/// flight stale, so a slow old page never lands in a new listing.
struct RowWindow: Sendable {
    /// Rows per request: small enough that one page comes back within a frame or two.
    static let pageSize = 200
    /// Pages held at most (the cursor's, its neighbours, and one being scrolled away from).
    static let capacity = 4

    /// Rows the whole listing holds; nil until the first page came back.
    private(set) var total: Int?
    /// Whether ``total`` was counted for the listing as it is asked for now (the same filters and text):
    /// the pages asked for then bring it along, so the engine does not count every row again for a sort or
    /// a scroll. A reload or another text has it counted anew.
    private var totalIsCurrent = false
    /// Which requests' answers are current.
    private(set) var generation = 0
    /// The sort and `/` text the engine applies to the listing; changing it (``reorder(_:)``) restarts
    /// the window.
    private(set) var order = WindowOrder()
    /// The held pages by page number.
    private var pages: [Int: [ListRow]] = [:]
    /// Pages asked for and not yet back (of this generation).
    private var requested: Set<Int> = []

    /// The row at `index`, or nil while its page is not held.
    func row(at index: Int) -> ListRow? {
        guard index >= 0, let rows = pages[index / Self.pageSize] else { return nil }
        let offset = index % Self.pageSize
        return offset < rows.count ? rows[offset] : nil
    }

    /// The position of the row with `id` among the held pages.
    func index(of id: String) -> Int? {
        for (number, rows) in pages {
            if let offset = rows.firstIndex(where: { $0.id == id }) { return number * Self.pageSize + offset }
        }
        return nil
    }

    /// The held rows in listing order (what a filter or an export of the window sees).
    var heldRows: [ListRow] {
        pages.keys.sorted().flatMap { pages[$0] ?? [] }
    }

    /// The page requests the cursor at `index` needs that are neither held nor in flight, now marked as
    /// in flight: its own page, the next one, and the previous one in the first half of a page.
    mutating func requests(around index: Int) -> [RowPageRequest] {
        let current = max(0, index) / Self.pageSize
        var wanted = [current]
        if let total, (current + 1) * Self.pageSize < total { wanted.append(current + 1) }
        if current > 0, max(0, index) % Self.pageSize < Self.pageSize / 2 { wanted.append(current - 1) }
        if total == nil { wanted = [current] }
        let missing = wanted.filter { pages[$0] == nil && !requested.contains($0) }
        requested.formUnion(missing)
        return missing.map {
            RowPageRequest(
                generation: generation,
                page: PageRequest(
                    offset: $0 * Self.pageSize, limit: Self.pageSize, knownTotal: totalIsCurrent ? total : nil),
                order: order)
        }
    }

    /// Keeps a page that came back, unless it answers an older generation; evicts the pages farthest
    /// from `cursor` beyond ``capacity``. Returns whether the page was kept.
    @discardableResult
    mutating func store(_ page: RowPage, cursor: Int) -> Bool {
        guard page.generation == generation else { return false }
        let number = page.offset / Self.pageSize
        requested.remove(number)
        pages[number] = page.rows
        total = page.total
        totalIsCurrent = true
        let near = max(0, cursor) / Self.pageSize
        while pages.count > Self.capacity,
            let far = pages.keys.max(by: { abs($0 - near) < abs($1 - near) })
        {
            pages[far] = nil
        }
        return true
    }

    /// A page request failed: it may be asked for again.
    mutating func failed(_ request: RowPageRequest) {
        guard request.generation == generation else { return }
        requested.remove(request.page.offset / Self.pageSize)
    }

    /// Forgets every page and answer in flight (the listing changed); the size stays until the next
    /// answer so the table does not jump to empty while the first page reloads.
    mutating func restart() {
        generation += 1
        pages = [:]
        requested = []
        totalIsCurrent = false
    }

    /// Asks for the listing in `order` from now on: a different order restarts the window (its pages
    /// are asked for again, from the first; another sort of the same rows keeps their count). Returns
    /// whether it changed.
    mutating func reorder(_ order: WindowOrder) -> Bool {
        guard order != self.order else { return false }
        let sameRows = order.text == self.order.text && totalIsCurrent
        self.order = order
        restart()
        totalIsCurrent = sameRows
        return true
    }
}

/// How a windowed listing is asked for: the table's sort (a column the screen maps to the engine's sort)
/// and the `/` text, both applied by the engine, since the window holds only a few pages of the listing.
struct WindowOrder: Sendable, Hashable {
    var sort: TableSort?
    var text = ""
}

/// A page a ``RowWindow`` asks for, with the generation its answer must carry.
struct RowPageRequest: Sendable, Hashable {
    var generation: Int
    var page: PageRequest
    /// The sort and text the page is cut from.
    var order = WindowOrder()

    /// ``order`` as the engine's query takes it, for a listing whose sortable columns map to `sorts`: the
    /// sorted column's sort (`natural`, ascending, when the list is unsorted or that column has none) and
    /// the filter text (nil for none).
    func engineOrder<Sort>(_ sorts: [Int: Sort], natural: Sort) -> (sort: Sort, descending: Bool, text: String?) {
        let sort = order.sort.flatMap { sorts[$0.column] }
        return (sort ?? natural, sort != nil && order.sort?.ascending == false, order.text.isEmpty ? nil : order.text)
    }
}

/// One page of a listing as rows, tagged with the ``RowWindow/generation`` it was asked for.
struct RowPage: Sendable {
    var generation: Int
    var offset: Int
    /// Rows the whole listing holds.
    var total: Int
    var rows: [ListRow]

    /// The answer to `request`: `page`'s items made into rows.
    init<Item>(_ request: RowPageRequest, _ page: Page<Item>, row: (Item) -> ListRow) {
        self.init(generation: request.generation, offset: page.offset, total: page.total, rows: page.items.map(row))
    }

    init(generation: Int, offset: Int, total: Int, rows: [ListRow]) {
        self.generation = generation
        self.offset = offset
        self.total = total
        self.rows = rows
    }
}
