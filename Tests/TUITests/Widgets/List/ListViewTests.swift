import Testing

@testable import TUI
import TestSupport

@Suite struct ListViewTests {
    @Test(arguments: snapshotSizes)
    func snapshot(size: Size) {
        var state = ListState()
        state.selection.select(3, count: Fixtures.all.count)
        let buffer = render(size) { ListView(items: Fixtures.all).render(in: $0.area, buffer: &$0, state: &state) }
        assertSnapshot(buffer, named: "list-\(size.tag)")
    }
}
