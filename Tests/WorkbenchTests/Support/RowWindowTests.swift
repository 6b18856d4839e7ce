import LakeEngine
import TUI
import Testing
@testable import Workbench

/// The page bookkeeping behind windowed lists: what is asked for, what is kept, what is dropped.
@Suite("Row window")
struct RowWindowTests {
    private func page(_ request: RowPageRequest, total: Int) -> RowPage {
        let end = min(request.page.offset + request.page.limit, total)
        let rows = (request.page.offset..<end).map { ListRow(id: "row\($0)", cells: ["\($0)"]) }
        return RowPage(generation: request.generation, offset: request.page.offset, total: total, rows: rows)
    }

    @Test("The cursor's page and the next are asked for once; held rows are found by position and id")
    func asksOncePerPage() {
        var window = RowWindow()
        let first = window.requests(around: 0)
        #expect(first.map(\.page.offset) == [0])
        window.store(page(first[0], total: 1_000), cursor: 0)
        let next = window.requests(around: 0)
        #expect(next.map(\.page.offset) == [RowWindow.pageSize])
        #expect(window.requests(around: 0).isEmpty, "a page in flight is not asked for again")
        #expect(window.row(at: 3)?.id == "row3")
        #expect(window.row(at: RowWindow.pageSize) == nil)
        #expect(window.index(of: "row7") == 7)
    }

    @Test("At most capacity pages are held; the farthest from the cursor goes first")
    func evictsFarthest() {
        var window = RowWindow()
        let total = RowWindow.pageSize * 10
        for number in 0..<6 {
            let request = RowPageRequest(generation: 0, page: PageRequest(offset: number * RowWindow.pageSize,
                                                                          limit: RowWindow.pageSize))
            window.store(page(request, total: total), cursor: 5 * RowWindow.pageSize)
        }
        #expect(window.heldRows.count == RowWindow.capacity * RowWindow.pageSize)
        #expect(window.row(at: 0) == nil)
        #expect(window.row(at: 5 * RowWindow.pageSize)?.id == "row\(5 * RowWindow.pageSize)")
    }

    @Test("After a restart, answers asked for before it are dropped")
    func dropsStaleAnswers() {
        var window = RowWindow()
        let old = window.requests(around: 0)
        window.restart()
        let staleKept = window.store(page(old[0], total: 500), cursor: 0)
        #expect(!staleKept)
        #expect(window.total == nil)
        let fresh = window.requests(around: 0)
        #expect(fresh.first?.generation == old[0].generation + 1)
        let freshKept = window.store(page(fresh[0], total: 500), cursor: 0)
        #expect(freshKept)
        #expect(window.total == 500)
    }

    @Test("Pages bring the total counted for the same rows: a scroll and another sort do; another text and a reload do not")
    func bringsTheCountedTotal() {
        var window = RowWindow()
        let first = window.requests(around: 0)
        #expect(first.totals == [nil] as Set, "nothing counted yet")
        window.store(page(first[0], total: 1_000), cursor: 0)
        let next = window.requests(around: 0)
        #expect(next.totals == [1_000] as Set, "the next page")
        let sorted = window.reorder(WindowOrder(sort: TableSort(column: 1, ascending: false)))
        let sortedPages = window.requests(around: 0)
        #expect(sorted && sortedPages.totals == [1_000] as Set, "the same rows sorted")
        let narrowed = window.reorder(WindowOrder(sort: TableSort(column: 1, ascending: false), text: "chest"))
        let filtered = window.requests(around: 0)
        #expect(narrowed && filtered.totals == [nil] as Set, "other rows: counted")
        window.store(page(filtered[0], total: 40), cursor: 0)
        let unsorted = window.reorder(WindowOrder(sort: nil, text: "chest"))
        let unsortedPages = window.requests(around: 0)
        #expect(unsorted && unsortedPages.totals == [40] as Set)
        window.restart()
        let reloaded = window.requests(around: 0)
        #expect(reloaded.totals == [nil] as Set, "a reload: the rows may have changed")
    }
}

extension [RowPageRequest] {
    /// The totals the requests bring.
    fileprivate var totals: Set<Int?> { Set(map(\.page.knownTotal)) }
}
