import Testing
@testable import TUI

@Suite struct BarsTests {
    @Test(arguments: snapshotSizes)
    func statusBarTabsBreadcrumbsAndFlash(size: Size) {
        let now = Timestamp(nanoseconds: 5_000_000_000)
        let buffer = render(Size(width: size.width, height: 6)) { buffer in
            let rows = buffer.area.split(.vertical, [.length(1), .length(1), .length(1), .length(1), .length(1), .length(1)])
            StatusBar(left: "lake " + Fixtures.cjk, center: "curator", right: "12:04:05", role: .header)
                .render(in: rows[0], buffer: &buffer)
            Tabs(titles: ["Imaging", "Genomics " + Fixtures.emoji, "Flags"], selected: 1).render(in: rows[1], buffer: &buffer)
            Breadcrumbs(["lake", "datasets", "ct-chest " + Fixtures.bidiOverride, "series 3"]).render(in: rows[2], buffer: &buffer)
            FlashLine(message: FlashMessage("promoted " + Fixtures.osc52, level: .success, at: now), now: now)
                .render(in: rows[3], buffer: &buffer)
            FlashLine(message: FlashMessage("expired", at: .zero, for: .seconds(1)), now: now).render(in: rows[4], buffer: &buffer)
            StatusBar(left: Fixtures.clearScreen, right: "3/1000000").render(in: rows[5], buffer: &buffer)
        }
        assertSnapshot(buffer, named: "bars-\(size.tag)")
    }

    @Test func breadcrumbsKeepTheCurrentPlace() {
        let buffer = render(Size(width: 20, height: 1)) {
            Breadcrumbs(["lake", "datasets", "ct-chest", "series-3"]).render(in: $0.area, buffer: &$0)
        }
        #expect(buffer.line(0).hasPrefix("… › "))
        #expect(buffer.line(0).contains("series-3"))
    }

    @Test func flashMessagesExpireByTheClock() {
        let message = FlashMessage("saved", at: .zero, for: .seconds(2))
        #expect(message.isVisible(at: .zero + .seconds(1)))
        #expect(!message.isVisible(at: .zero + .seconds(2)))
        #expect(FlashMessage("boom", level: .error, at: .zero).expires == .zero + .seconds(8))
    }
}
