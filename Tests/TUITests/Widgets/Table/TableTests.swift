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

    @Test func emptyColumnsGetNoWidthAndNarrowOnesKeepTheirs() {
        let table = Table(
            columns: [TableColumn("MOD"), TableColumn("BODY PART"), TableColumn("N", alignment: .right),
                      TableColumn("DESCRIPTION", width: .fill()), TableColumn("UID", width: .fill(), truncation: .middle)],
            source: TableRows([]))
        let values = [["CT", "", "120", String(repeating: "d", count: 60), String(repeating: "1.2.", count: 15)]]
        let widths = table.columnWidths(available: 80, titles: ["MOD", "BODY PART", "N", "DESCRIPTION", "UID"],
                                        values: values)
        #expect(widths[1] == 0, "the empty BODY PART column gets nothing")
        #expect(widths[0] == 3 && widths[2] == 3, "narrow columns keep their natural width")
        #expect(abs(widths[3] - widths[4]) <= 1, "the two long columns share the rest equally")
        #expect(widths.reduce(0, +) + 3 == 80, "every cell is used (4 columns shown, 3 gaps)")
        let buffer = render(Size(width: 80, height: 2)) {
            var state = TableState()
            table.withSource(TableRows(values)).render(in: $0.area, buffer: &$0, state: &state)
        }
        #expect(!buffer.line(0).contains("BODY"))
    }

    @Test func fillColumnsShareWhatIsLeftWhenEverythingFits() {
        let widths = Table(columns: columns, source: rows)
            .columnWidths(available: 40, titles: ["Name", "Size", "Note"], values: [["ab", "", "n"]])
        #expect(widths == [4, 0, 35])
    }

    @Test func middleTruncationKeepsTheEndsThatTellRowsApart() {
        let table = Table(columns: [TableColumn("PATH", width: .fixed(24), truncation: .middle)],
                          source: TableRows([["/lake/raw/genomics/run-2026-01/NA0001_S1_L001_R1_001.fastq.gz"],
                                             ["/lake/raw/genomics/run-2026-01/NA0001_S1_L001_R2_001.fastq.gz"]]))
        let buffer = render(Size(width: 24, height: 3)) {
            var state = TableState()
            table.render(in: $0.area, buffer: &$0, state: &state)
        }
        #expect(buffer.line(1) != buffer.line(2), "R1 and R2 stay distinguishable")
        #expect(buffer.line(1).hasPrefix("/lake/"))
        #expect(buffer.line(1).hasSuffix("R1_001.fastq.gz"))
        #expect(buffer.line(1).contains("…"))
        #expect(DisplayWidth.truncateMiddle("2.25.7.3.0.0.0.12", to: 10) == "2.2…0.0.12")
        #expect(DisplayWidth.truncateMiddle("short", to: 10) == "short")
        #expect(DisplayWidth.of(DisplayWidth.truncateMiddle("山田太郎山田太郎", to: 7)) <= 7)
    }

    @Test func sortCyclesThroughEveryColumnThenOff() {
        var state = TableState()
        var seen: [TableSort?] = []
        for _ in 0..<4 {
            state.cycleSort(columnCount: 3)
            seen.append(state.sort)
        }
        #expect(seen == [TableSort(column: 0), TableSort(column: 1), TableSort(column: 2), nil])
        state.reverseSort()
        #expect(state.sort == TableSort(column: 0, ascending: false))
        state.reverseSort()
        #expect(state.sort == TableSort(column: 0, ascending: true))
        state.cycleSort(columnCount: 4, skipping: [1, 2])
        #expect(state.sort == TableSort(column: 3), "hidden columns are stepped over")
        state.cycleSort(columnCount: 4, skipping: [1, 2])
        #expect(state.sort == nil)
    }

    @Test func naturalOrderComparesNumbersAsNumbers() {
        let values = ["file10", "File2", "file1", "b", "A", "9", "120", "010", "file2a"]
        let sorted = values.sorted { NaturalOrder.precedes(NaturalOrder.key($0), NaturalOrder.key($1)) }
        #expect(sorted == ["9", "010", "120", "A", "b", "file1", "File2", "file2a", "file10"])
    }
}

extension Table {
    fileprivate func withSource<Other: TableSource>(_ source: Other) -> Table<Other> {
        Table<Other>(columns: columns, source: source, isFocused: isFocused, columnSpacing: columnSpacing)
    }
}

@Suite struct TableHitTests {
    @Test func aFocusedTableRecordsWhereItsRowsAreForClicks() {
        var state = TableState()
        state.selection.select(30, count: 100)
        let source = TableRows((0..<100).map { ["row \($0)"] })
        let buffer = render(Size(width: 20, height: 11)) {
            Table(columns: [TableColumn("NAME")], source: source)
                .render(in: Rect(x: 0, y: 1, width: 20, height: 10), buffer: &$0, state: &state)
        }
        let first = state.selection.offset
        #expect(buffer.tableRow(at: 3, row: 1) == nil, "the header is no row")
        #expect(buffer.tableRow(at: 3, row: 2) == first)
        #expect(buffer.tableRow(at: 19, row: 10) == first + 8)
        #expect(buffer.line(10).hasPrefix("row \(first + 8)"))
        #expect(buffer.tableRow(at: 3, row: 0) == nil)
    }

    @Test func unfocusedTablesAndEmptySpaceAreNotClickable() {
        var state = TableState()
        let buffer = render(Size(width: 20, height: 10)) {
            Table(columns: [TableColumn("NAME")], source: TableRows([["a"], ["b"]]), isFocused: false)
                .render(in: $0.area, buffer: &$0, state: &state)
        }
        #expect(buffer.tableRow(at: 1, row: 1) == nil)
        let focused = render(Size(width: 20, height: 10)) {
            Table(columns: [TableColumn("NAME")], source: TableRows([["a"], ["b"]]))
                .render(in: $0.area, buffer: &$0, state: &state)
        }
        #expect(focused.tableRow(at: 1, row: 2) == 1)
        #expect(focused.tableRow(at: 1, row: 5) == nil, "below the last row")
    }
}
