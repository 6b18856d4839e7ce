import Testing

@testable import TUI

@Suite struct ScrollSelectionTests {
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

    @Test func scrollingKeepsTheSelectionVisible() {
        var selection = ScrollSelection()
        selection.select(50, count: 100)
        #expect(selection.scrollToSelection(height: 10, count: 100) == 41..<51)
        selection.select(45, count: 100)
        #expect(selection.scrollToSelection(height: 10, count: 100) == 41..<51)
        selection.select(3, count: 100)
        #expect(selection.scrollToSelection(height: 10, count: 100) == 3..<13)
    }
}
