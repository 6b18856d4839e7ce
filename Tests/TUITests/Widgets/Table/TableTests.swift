import Synchronization
import Testing

@testable import TUI
import TestSupport

/// A million synthetic rows that count how many values the table asked for.
private final class CountingSource: TableSource, Sendable {
    let rowCount: Int
    private let requests = Mutex(0)

    init(rowCount: Int) { self.rowCount = rowCount }

    var requestCount: Int { requests.withLock { $0 } }

    func value(row: Int, column: Int) -> String {
        requests.withLock { $0 += 1 }
        return column == 0 ? "obj-\(row)" : String(repeating: "x", count: row % 7)
    }
}

@Suite struct TableTests {
    private let columns = [
        TableColumn("Name", width: .auto(min: 4, max: 16)),
        TableColumn("Size", width: .auto(), alignment: .right),
        TableColumn("Note", width: .fill(min: 4)),
    ]

    private var rows: TableRows {
        TableRows([
            ["ct-chest", "12", "山田^太郎"],
            ["mr-brain", "7", Fixtures.emoji],
            ["pet-wb", "120", Fixtures.combining],
            ["us-liver", "3", Fixtures.rtl],
            ["esc", "1", Fixtures.clearScreen],
            ["osc", "2", Fixtures.osc52],
            ["c1", "4", Fixtures.c1CSI],
            ["cr", "5", Fixtures.carriageReturn],
            ["bidi", "6", Fixtures.bidiOverride],
            ["nl", "8", Fixtures.newline],
        ])
    }

    @Test(arguments: snapshotSizes)
    func snapshot(size: Size) {
        var state = TableState()
        state.selection.select(2, count: 10)
        let buffer = render(size) {
            Table(columns: columns, source: rows).render(in: $0.area, buffer: &$0, state: &state)
        }
        assertSnapshot(buffer, named: "table-\(size.tag)")
    }

    @Test func aMillionRowsCostWhatTheVisibleRowsCost() {
        let million = CountingSource(rowCount: 1_000_000)
        let hundred = CountingSource(rowCount: 100)
        for source in [million, hundred] {
            var state = TableState()
            state.selection.select(source.rowCount / 2, count: source.rowCount)
            _ = render(Size(width: 60, height: 21)) {
                Table(columns: columns, source: source).render(in: $0.area, buffer: &$0, state: &state)
            }
        }
        #expect(million.requestCount == 20 * columns.count)
        #expect(hundred.requestCount == million.requestCount)
    }

    @Test func selectionScrollsIntoView() {
        let source = CountingSource(rowCount: 1_000_000)
        var state = TableState()
        state.selection.handle(.end, count: source.rowCount, page: 10)
        let buffer = render(Size(width: 30, height: 5)) {
            Table(columns: columns, source: source).render(in: $0.area, buffer: &$0, state: &state)
        }
        #expect(state.selection.offset == 999_996)
        #expect(buffer.line(4).hasPrefix("obj-999999"))
        #expect(buffer[0, 4].style == Palette.plain[.selection])
        #expect(state.position(rowCount: source.rowCount) == "1000000/1000000")
    }

    @Test func sortingTogglesAndShowsAnIndicator() {
        var state = TableState()
        var source = rows
        state.toggleSort(column: 1)
        source.sort(by: state.sort)
        #expect((0..<4).map { source.value(row: $0, column: 1) } == ["1", "2", "3", "4"])
        state.toggleSort(column: 1)
        source.sort(by: state.sort)
        #expect(source.value(row: 0, column: 1) == "120")
        let buffer = render(Size(width: 40, height: 3)) {
            Table(columns: columns, source: source).render(in: $0.area, buffer: &$0, state: &state)
        }
        #expect(buffer.line(0).contains("Size▼"))
    }

    @Test func columnWidthsComeFromTheVisibleRows() {
        let table = Table(columns: columns, source: rows)
        let widths = table.columnWidths(available: 40, titles: ["Name", "Size", "Note"], values: [["ab", "1", "n"]])
        #expect(widths == [4, 4, 30])
        let wide = table.columnWidths(
            available: 40,
            titles: ["Name", "Size", "Note"],
            values: [["山田太郎山田太郎山田", "1", "n"]]
        )
        #expect(wide[0] == 16)
    }
}
