import Testing

@testable import TUI
import TestSupport

@Suite struct BreadcrumbsTests {
    @Test(arguments: snapshotSizes)
    func snapshot(size: Size) {
        let buffer = render(Size(width: size.width, height: 2)) { buffer in
            Breadcrumbs(["lake", "datasets", "ct-chest " + Fixtures.bidiOverride, "series 3"])
                .render(in: buffer.area.row(0), buffer: &buffer)
            Breadcrumbs(["lake", Fixtures.cjk, Fixtures.clearScreen, Fixtures.rtl]).render(
                in: buffer.area.row(1),
                buffer: &buffer
            )
        }
        assertSnapshot(buffer, named: "breadcrumbs-\(size.tag)")
    }

    @Test func theCurrentPlaceAlwaysShows() {
        let buffer = render(Size(width: 20, height: 1)) {
            Breadcrumbs(["lake", "datasets", "ct-chest", "series-3"]).render(in: $0.area, buffer: &$0)
        }
        #expect(buffer.line(0).hasPrefix("… › "))
        #expect(buffer.line(0).contains("series-3"))
    }
}
