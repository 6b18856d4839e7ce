import LakeEngine
import TUI

/// A ``ListPane`` over a listing longer than one page: it holds a ``RowWindow`` instead of every row.
///
/// A screen loads the first page (``firstPage``, as many rows as one answer may hold);
/// ``apply(_:filter:)`` keeps all rows in memory when that page is the whole listing (then filtering and
/// sorting stay in memory, as before), and switches to the window otherwise. After every key and every page that comes back, the screen asks
/// ``pageRequests()`` for the pages the cursor needs and fetches them off the main actor; their answers
/// come back through ``receive(_:)``. A key never waits for a page: the rows not yet held draw as
/// placeholders.
extension ListPane {
    /// The request that starts (or restarts) a listing: its first ``PageRequest/maximumLimit`` rows, so
    /// every listing one answer can hold stays in memory with its filter and sort. Its generation does
    /// not matter: ``apply(_:filter:)`` restarts the window with it.
    static var firstPage: RowPageRequest {
        RowPageRequest(generation: 0, page: PageRequest(offset: 0, limit: PageRequest.maximumLimit))
    }

    /// Rows the list shows under `filter`: the whole listing's size when windowed.
    func count(filter: String) -> Int {
        if let window { return window.total ?? 0 }
        return visible(filter: filter).count
    }

    /// The row at `index` among those `filter` shows (nil while a windowed row's page is in flight).
    func row(at index: Int, filter: String) -> ListRow? {
        if let window { return window.row(at: index) }
        let shown = visible(filter: filter)
        return shown.indices.contains(index) ? shown[index] : nil
    }

    /// `ids` in list order; in a window, the held rows' order first, then the ids on pages not held.
    func inListOrder(_ ids: Set<String>) -> [String] {
        let held = (window?.heldRows ?? visible(filter: "")).map(\.id).filter(ids.contains)
        guard window != nil else { return held }
        return held + ids.subtracting(held).sorted()
    }

    /// Rows the listing holds in all (unfiltered).
    var total: Int { window?.total ?? rows.value?.count ?? 0 }

    /// Applies the first page of a (re)load: every row when it is the whole listing, else a window
    /// around the cursor (kept where it was on a reload); ``pageRequests()`` then names the pages the
    /// cursor needs next.
    mutating func apply(_ result: Loadable<RowPage>, filter: String) {
        let page: RowPage
        switch result {
        case .loaded(let loaded): page = loaded
        case .loading:
            startLoading()
            return
        case .failed(let message):
            window = nil
            rows = .failed(message)
            return
        }
        guard page.offset == 0, page.rows.count < page.total else {
            setRows(page.rows, filter: filter)
            return
        }
        // The first page comes in listing order and unfiltered: the window holds it as such (a new
        // generation either way, so no answer still in flight lands in it), then asks again in the sort and
        // `/` text chosen, if any, even when they are the ones it had before this reload.
        var window = self.window ?? RowWindow()
        if !window.reorder(WindowOrder()) { window.restart() }
        if let sort = table.sort, !windowSortColumns.contains(sort.column) { table.sort = nil }
        let first = Array(page.rows.prefix(RowWindow.pageSize))
        window.store(RowPage(generation: window.generation, offset: 0, total: page.total, rows: first),
                     cursor: table.selection.selected ?? 0)
        _ = window.reorder(WindowOrder(sort: table.sort, text: filter))
        self.window = window
        rows = .loaded([])
        table.selection.clamp(count: page.total)
    }

    /// Asks a windowed listing again in the table's sort and with `filter` when either changed, the cursor
    /// back on the first row; ``pageRequests()`` then names the pages to fetch.
    mutating func reorderWindow(filter: String) {
        guard var window else { return }
        if let sort = table.sort, !windowSortColumns.contains(sort.column) { table.sort = nil }
        if window.reorder(WindowOrder(sort: table.sort, text: filter)) {
            table.selection.select(0, count: window.total ?? 0)
        }
        self.window = window
    }

    /// Forgets the rows (held or windowed) while another listing loads.
    mutating func startLoading() {
        window = nil
        rows = .loading
    }

    /// Keeps a page of the window that came back (a stale one is dropped; a failed one may be asked for
    /// again).
    mutating func receive(_ result: Loadable<RowPage>, asked request: RowPageRequest) {
        guard var window else { return }
        if case .loaded(let rows) = result {
            window.store(rows, cursor: table.selection.selected ?? 0)
            table.selection.clamp(count: window.total ?? 0)
        } else {
            window.failed(request)
        }
        self.window = window
    }

    /// The pages the cursor needs that are neither held nor asked for, now marked as asked for, each
    /// with the generation its answer must carry.
    mutating func pageRequests() -> [RowPageRequest] {
        guard var window else { return [] }
        let requests = window.requests(around: table.selection.selected ?? 0)
        self.window = window
        return requests
    }
}

/// The rows of a ``RowWindow`` as a table source: a placeholder for a row whose page is in flight, and
/// `✓ ` before the first cell of a marked row (marks are row ids, so they survive the page leaving).
struct WindowRowSource: TableSource {
    let window: RowWindow
    let marks: Set<String>

    var rowCount: Int { window.total ?? 0 }

    func value(row: Int, column: Int) -> String {
        guard let item = window.row(at: row) else { return column == 0 ? "…" : "" }
        let value = column >= 0 && column < item.cells.count ? item.cells[column] : ""
        return column == 0 && marks.contains(item.id) ? "✓ " + value : value
    }
}
