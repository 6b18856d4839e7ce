import Testing
import TUI
@testable import Workbench

/// Filtering a list: case-insensitive substring over the cells, narrowing as characters are typed,
/// widening on erase, and never answering from a previous row set.
@Suite
struct ListPaneTests {
    private func rows(_ texts: [[String]]) -> [ListRow] {
        texts.enumerated().map { ListRow(id: String($0.offset), cells: $0.element) }
    }

    @Test func filtersCaseInsensitivelyAcrossCells() {
        var pane = ListPane([TableColumn("A"), TableColumn("B")])
        pane.setRows(rows([["CT", "Head"], ["MR", "knee"], ["ct", "Chest"], ["US", "Müller"]]), filter: "")
        #expect(pane.visible(filter: "").count == 4)
        #expect(pane.visible(filter: "ct").map(\.id) == ["0", "2"])
        #expect(pane.visible(filter: "cT").map(\.id) == ["0", "2"], "asked again in another case")
        #expect(pane.visible(filter: "cth").map(\.id) == [], "cells are matched one by one, not joined")
        #expect(pane.visible(filter: "KNE").map(\.id) == ["1"])
        #expect(pane.visible(filter: "MÜL").map(\.id) == ["3"])
    }

    @Test func typingNarrowsAndErasingWidens() {
        var pane = ListPane([TableColumn("A")])
        pane.setRows(rows([["series 1"], ["series 12"], ["series 123"], ["series 2"]]), filter: "")
        #expect(pane.visible(filter: "series 1").map(\.id) == ["0", "1", "2"])
        #expect(pane.visible(filter: "series 12").map(\.id) == ["1", "2"])
        #expect(pane.visible(filter: "series 123").map(\.id) == ["2"])
        #expect(pane.visible(filter: "series 12").map(\.id) == ["1", "2"])
        #expect(pane.visible(filter: "series").map(\.id) == ["0", "1", "2", "3"])
    }

    @Test func newRowsAreFilteredAfresh() {
        var pane = ListPane([TableColumn("A")])
        pane.setRows(rows([["alpha"], ["beta"]]), filter: "")
        #expect(pane.visible(filter: "a").count == 2)
        pane.setRows(rows([["gamma"], ["delta"], ["pi"]]), filter: "a")
        #expect(pane.visible(filter: "a").map(\.id) == ["0", "1"])
        let copy = pane
        pane.rows = .loaded(rows([["zeta"]]))
        #expect(pane.visible(filter: "a").map(\.id) == ["0"])
        #expect(copy.visible(filter: "a").map(\.id) == ["0", "1"], "a copy keeps its own rows")
    }

    @Test func sortingInMemoryIsNaturalStableAndReversible() {
        var pane = ListPane([TableColumn("NAME"), TableColumn("N")])
        pane.setRows(rows([["b", "10"], ["a", "9"], ["c", "10"], ["d", "120"]]), filter: "")
        pane.table.selection.select(2, count: 4)
        pane.cycleSort(filter: "")
        #expect(pane.visible(filter: "").map(\.id) == ["1", "0", "2", "3"])
        #expect(pane.selected(filter: "")?.id == "2", "the selected row stays selected")
        pane.cycleSort(filter: "")
        #expect(pane.visible(filter: "").map(\.id) == ["1", "0", "2", "3"], "9 < 10 = 10 < 120, ties in load order")
        pane.reverseSort(filter: "")
        #expect(pane.visible(filter: "").map(\.id) == ["3", "0", "2", "1"])
        #expect(pane.visible(filter: "10").map(\.id) == ["0", "2"], "the filter applies to the sorted rows")
        pane.cycleSort(filter: "")
        #expect(pane.table.sort == nil)
        #expect(pane.visible(filter: "").map(\.id) == ["0", "1", "2", "3"], "unsorted: load order")
        pane.setRows(rows([["z", "1"], ["y", "2"]]), filter: "")
        #expect(pane.view(filter: "") == [["z", "1"], ["y", "2"]])
    }

    @Test func sortSkipsColumnsWithNoValueInAnyRow() {
        var pane = ListPane([TableColumn("NAME"), TableColumn("FLAGS"), TableColumn("N")])
        pane.setRows(rows([["b", "", "2"], ["a", "", "1"]]), filter: "")
        pane.cycleSort(filter: "")
        pane.cycleSort(filter: "")
        #expect(pane.table.sort == TableSort(column: 2), "the empty FLAGS column is stepped over")
        pane.cycleSort(filter: "")
        #expect(pane.table.sort == nil)
        pane.setRows(rows([["b", "", "2"], ["a", "1 error", "1"]]), filter: "")
        pane.cycleSort(filter: "")
        pane.cycleSort(filter: "")
        #expect(pane.table.sort == TableSort(column: 1), "a column with a value in some row can be sorted by")
        #expect(pane.visible(filter: "").map(\.id) == ["0", "1"], "the empty cell sorts first")
    }

    @Test func reloadedRowsKeepTheSortAndTheSelection() {
        var pane = ListPane([TableColumn("A")])
        pane.setRows(rows([["b"], ["c"], ["a"]]), filter: "")
        pane.reverseSort(filter: "")
        #expect(pane.visible(filter: "").map { $0.cells[0] } == ["c", "b", "a"])
        pane.table.selection.select(1, count: 3)
        pane.setRows([ListRow(id: "9", cells: ["d"])] + rows([["b"], ["c"], ["a"]]), filter: "")
        #expect(pane.visible(filter: "").map { $0.cells[0] } == ["d", "c", "b", "a"], "a reload is sorted too")
        #expect(pane.selected(filter: "")?.cells == ["b"], "the selected row stays selected")
    }

    @Test func marksAreDrawnBeforeTheFirstCellOfMarkedRowsOnly() {
        var pane = ListPane([TableColumn("NAME"), TableColumn("N")])
        pane.setRows(rows([["alpha", "1"], ["beta", "2"], ["gamma", "3"]]), filter: "")
        var buffer = Buffer(width: 20, height: 4)
        var state = pane.table
        pane.render(in: buffer.area, buffer: &buffer, filter: "", focused: true, empty: "", marks: ["0", "2"],
                    state: &state)
        #expect((1...3).map { buffer.line($0).hasPrefix("✓ ") } == [true, false, true])
        #expect(buffer.line(2).hasPrefix("beta"))
        #expect(pane.visible(filter: "").map { $0.cells[0] } == ["alpha", "beta", "gamma"], "the rows are unchanged")
    }
}
