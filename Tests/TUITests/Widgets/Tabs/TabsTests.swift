import Testing

@testable import TUI
import TestSupport

@Suite struct TabsTests {
    @Test(arguments: snapshotSizes)
    func snapshot(size: Size) {
        let buffer = render(Size(width: size.width, height: 1)) {
            Tabs(titles: ["Imaging", "Genomics " + Fixtures.emoji, Fixtures.bidiOverride, "Flags"], selected: 1)
                .render(in: $0.area, buffer: &$0)
        }
        assertSnapshot(buffer, named: "tabs-\(size.tag)")
    }

    @Test func theSelectedTabIsHighlighted() {
        let buffer = render(Size(width: 30, height: 1)) {
            Tabs(titles: ["A", "B"], selected: 1).render(in: $0.area, buffer: &$0)
        }
        #expect(buffer.line(0).hasPrefix(" A │ B "))
        #expect(buffer[5, 0].style == Palette.plain[.tabActive])
    }
}
