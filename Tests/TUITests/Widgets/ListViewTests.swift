import Testing
@testable import TUI

@Suite struct ListViewTests {
    @Test(arguments: snapshotSizes)
    func snapshot(size: Size) {
        var state = ListState()
        state.selection.select(3, count: Fixtures.all.count)
        let buffer = render(size) { ListView(items: Fixtures.all).render(in: $0.area, buffer: &$0, state: &state) }
        assertSnapshot(buffer, named: "list-\(size.tag)")
    }

    @Test func navigationKeysMoveAndClamp() {
        var selection = ScrollSelection()
        selection.handle(.character("j"), count: 3, page: 10)
        selection.handle(.pageDown, count: 3, page: 10)
        #expect(selection.selected == 2)
        selection.handle(.character("g"), count: 3, page: 10)
        #expect(selection.selected == 0)
        selection.handle(.up, count: 3, page: 10)
        #expect(selection.selected == 0)
        selection.move(by: .max, count: 3)
        #expect(selection.selected == 2)
        selection.clamp(count: 0)
        #expect(selection.selected == nil)
    }
}
