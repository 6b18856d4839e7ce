import Synchronization
import TUI

/// One row of a workbench list: an id to act on and its cells (untrusted text, sanitized when drawn).
public struct ListRow: Sendable, Hashable {
    var id: String
    var cells: [String]
    /// The dataset the row belongs to, for drilling in.
    var dataset: String = ""
}

/// A filterable, sortable table of ``ListRow``s with its selection: the list every screen is built around.
///
/// Filtering is case-insensitive substring matching over the cells. A frame asks for the visible rows
/// several times (the key's update, the table, the filter line's count), and a list may hold 10,000
/// rows, so the lowercased text of each row is made once per row set and the rows matching the last
/// filter are remembered; typing one more character searches only the previous matches.
///
/// Sorting (``TableState/sort``) of a list held whole happens here, in memory (``NaturalOrder``, stable, so ties keep the load
/// order): every list holds all of its rows, and sorting 10,000 loaded series takes a few milliseconds
/// where reading them again with `ORDER BY` took several frames. The rows as loaded are kept for going
/// back to no sort, and a reload (a flag added, a refresh) is sorted the same way.
///
/// A listing longer than one page is not held: the pane then reads its rows from a ``RowWindow`` (see
/// `ListPane+Window.swift`), and the rows it has not fetched yet draw as placeholders; its sort and filter
/// are the engine's (``reorderWindow(filter:)``).
struct ListPane: Sendable {
    var columns: [TableColumn]
    /// The rows in display order (sorted when a sort is chosen).
    var rows: Loadable<[ListRow]> = .loading {
        didSet { memo = FilterMemo() }
    }
    var table = TableState()
    /// The pages around the cursor, when the listing is longer than one page (nil: `rows` holds it all).
    var window: RowWindow?
    /// The columns the engine can sort this listing by when it is windowed (empty: a window stays in
    /// listing order); the screen maps each to the engine's sort.
    let windowSortColumns: Set<Int>
    /// The rows in the order they were loaded, for going back to no sort.
    private var loaded: [ListRow] = []
    private var memo = FilterMemo()

    init(_ columns: [TableColumn], windowSortColumns: Set<Int> = []) {
        self.columns = columns
        self.windowSortColumns = windowSortColumns
    }

    /// Rows whose cells contain `filter` (case-insensitive), in order.
    func visible(filter: String) -> [ListRow] {
        let all = rows.value ?? []
        guard !filter.isEmpty else { return all }
        return memo.matches(filter, in: all)
    }

    /// The selected row under `filter` (nil while a windowed row's page is in flight).
    func selected(filter: String) -> ListRow? {
        if let window { return table.selection.selected.flatMap(window.row(at:)) }
        let rows = visible(filter: filter)
        guard let index = table.selection.selected, index < rows.count else { return nil }
        return rows[index]
    }

    /// Replaces the rows, keeping the selected id selected when it is still there.
    mutating func setRows(_ newRows: [ListRow], filter: String) {
        let keep = selected(filter: filter)?.id
        window = nil
        loaded = newRows
        rows = .loaded(Self.sorted(newRows, by: table.sort))
        reselect(keep, filter: filter)
    }

    /// Sorts by the next column that has a value in some row (unsorted after the last), keeping the
    /// selected row selected; see ``TableState/cycleSort(columnCount:skipping:)``.
    mutating func cycleSort(filter: String) {
        if window != nil {
            table.cycleSort(columnCount: columns.count, skipping: Set(columns.indices).subtracting(windowSortColumns))
            reorderWindow(filter: filter)
            return
        }
        let empty = Set(columns.indices.filter { column in
            !loaded.contains { column < $0.cells.count && !$0.cells[column].isEmpty }
        })
        table.cycleSort(columnCount: columns.count, skipping: empty)
        resort(filter: filter)
    }

    /// Flips the sort direction, keeping the selected row selected.
    mutating func reverseSort(filter: String) {
        table.reverseSort()
        if window != nil {
            reorderWindow(filter: filter)
            return
        }
        resort(filter: filter)
    }

    /// The rows of the current view (filtered and sorted), each as its cells: what an export writes.
    func view(filter: String) -> [[String]] {
        visible(filter: filter).map { row in columns.indices.map { $0 < row.cells.count ? row.cells[$0] : "" } }
    }

    /// `rows` stably sorted by `sort` in ``NaturalOrder`` (nil: as given).
    static func sorted(_ rows: [ListRow], by sort: TableSort?) -> [ListRow] {
        guard let sort else { return rows }
        let keys = rows.map { NaturalOrder.key(sort.column < $0.cells.count ? $0.cells[sort.column] : "") }
        let order = rows.indices.sorted { lhs, rhs in
            let comparison = NaturalOrder.compare(keys[lhs], keys[rhs])
            if comparison == 0 { return lhs < rhs }
            return (comparison < 0) == sort.ascending
        }
        return order.map { rows[$0] }
    }

    /// Draws the table, or its loading, empty or error state, with `✓ ` before the first cell of each
    /// row whose id is in `marks`.
    func render(in area: Rect, buffer: inout Buffer, filter: String, focused: Bool, empty: String,
                marks: Set<String> = [], state: inout TableState) {
        switch rows {
        case .loading:
            buffer.write("loading…", column: area.x + 1, row: area.y, width: area.width - 1, role: .muted)
        case .failed(let message):
            buffer.write("error: " + message, column: area.x + 1, row: area.y, width: area.width - 1, role: .error)
        case .loaded where window != nil:
            Table(columns: columns, source: WindowRowSource(window: window ?? RowWindow(), marks: marks),
                  isFocused: focused)
                .render(in: area, buffer: &buffer, state: &state)
        case .loaded:
            let shown = visible(filter: filter)
            if shown.isEmpty {
                buffer.write(filter.isEmpty ? empty : "nothing matches /" + filter, column: area.x + 1, row: area.y,
                             width: area.width - 1, role: .muted)
                return
            }
            Table(columns: columns, source: ListRowSource(rows: shown, marks: marks), isFocused: focused)
                .render(in: area, buffer: &buffer, state: &state)
        }
    }

    // MARK: - Private

    private mutating func resort(filter: String) {
        guard rows.value != nil else { return }
        let keep = selected(filter: filter)?.id
        rows = .loaded(Self.sorted(loaded, by: table.sort))
        reselect(keep, filter: filter)
    }

    private mutating func reselect(_ keep: String?, filter: String) {
        guard window == nil else { return }
        let shown = visible(filter: filter)
        if let keep, let index = shown.firstIndex(where: { $0.id == keep }) {
            table.selection.select(index, count: shown.count)
        } else {
            table.selection.clamp(count: shown.count)
        }
    }
}

/// The cells of ``ListRow``s as a table source, without copying them out per frame.
///
/// Marks are applied here, to the rows the table asks for (the ones on screen), so a frame costs the
/// same with 5,000 of 10,000 rows marked as with none.
private struct ListRowSource: TableSource {
    let rows: [ListRow]
    let marks: Set<String>

    var rowCount: Int { rows.count }

    func value(row: Int, column: Int) -> String {
        guard row >= 0, row < rows.count else { return "" }
        let cells = rows[row].cells
        let value = column >= 0 && column < cells.count ? cells[column] : ""
        return column == 0 && !marks.isEmpty && marks.contains(rows[row].id) ? "✓ " + value : value
    }
}

/// The lowercased text of one row set and the matches of the last filter.
///
/// A cache behind a value type: ``ListPane`` makes a new one whenever its rows change, so a memo only
/// ever describes the rows it was made for. Thread-safe (a `Mutex`); the runtime uses it from the main
/// actor only.
private final class FilterMemo: Sendable {
    private struct State {
        var haystacks: [[UInt8]]?
        var lastFilter: [UInt8] = []
        var lastMatches: [Int] = []
        var lastRows: [ListRow] = []
    }

    private let state = Mutex(State())

    func matches(_ filter: String, in rows: [ListRow]) -> [ListRow] {
        let needle = Array(filter.lowercased().utf8)
        return state.withLock { state -> [ListRow] in
            if state.haystacks != nil, needle == state.lastFilter { return state.lastRows }
            let haystacks = state.haystacks ?? rows.map { Array($0.cells.joined(separator: "\u{1F}").lowercased().utf8) }
            state.haystacks = haystacks
            // A longer filter starting with the last one matches a subset of the last matches.
            let candidates: [Int]
            if !state.lastFilter.isEmpty, needle.starts(with: state.lastFilter) {
                candidates = state.lastMatches
            } else {
                candidates = Array(haystacks.indices)
            }
            let found = candidates.filter { Self.contains(haystacks[$0], needle) }
            state.lastFilter = needle
            state.lastMatches = found
            state.lastRows = found.map { rows[$0] }
            return state.lastRows
        }
    }

    /// Whether `haystack` holds `needle` as a contiguous byte run.
    private static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard let first = needle.first, needle.count <= haystack.count else { return needle.isEmpty }
        var start = 0
        let last = haystack.count - needle.count
        while start <= last {
            if haystack[start] == first {
                var offset = 1
                while offset < needle.count, haystack[start + offset] == needle[offset] { offset += 1 }
                if offset == needle.count { return true }
            }
            start += 1
        }
        return false
    }
}
