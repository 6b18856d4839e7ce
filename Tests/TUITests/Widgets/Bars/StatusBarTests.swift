import Testing

@testable import TUI
import TestSupport

@Suite struct StatusBarTests {
    @Test(arguments: snapshotSizes)
    func snapshot(size: Size) {
        let buffer = render(Size(width: size.width, height: 3)) { buffer in
            StatusBar(left: "lake " + Fixtures.cjk, center: "curator", right: "12:04:05", role: .header)
                .render(in: buffer.area.row(0), buffer: &buffer)
            StatusBar(left: Fixtures.clearScreen, right: "3/1000000").render(in: buffer.area.row(1), buffer: &buffer)
            StatusBar(left: Fixtures.emoji + " " + Fixtures.rtl, center: Fixtures.osc52, right: Fixtures.combining)
                .render(in: buffer.area.row(2), buffer: &buffer)
        }
        assertSnapshot(buffer, named: "status-bar-\(size.tag)")
    }

    @Test func theRightPartStaysWhenTheCentreDoesNotFit() {
        let buffer = render(Size(width: 20, height: 1)) {
            StatusBar(left: "left", center: "a long centre text", right: "right").render(in: $0.area, buffer: &$0)
        }
        #expect(buffer.line(0).hasPrefix(" left"))
        #expect(buffer.line(0).hasSuffix("right "))
    }
}
