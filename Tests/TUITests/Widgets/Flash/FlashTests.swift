import Testing

@testable import TUI
import TestSupport

@Suite struct FlashTests {
    @Test(arguments: snapshotSizes)
    func snapshot(size: Size) {
        let now = Timestamp(nanoseconds: 5_000_000_000)
        let buffer = render(Size(width: size.width, height: 3)) { buffer in
            FlashLine(message: FlashMessage("promoted " + Fixtures.osc52, level: .success, at: now), now: now)
                .render(in: buffer.area.row(0), buffer: &buffer)
            FlashLine(message: FlashMessage("expired", at: .zero, for: .seconds(1)), now: now)
                .render(in: buffer.area.row(1), buffer: &buffer)
            FlashLine(
                message: FlashMessage("cannot read " + Fixtures.carriageReturn + Fixtures.cjk, level: .error, at: now),
                now: now
            ).render(in: buffer.area.row(2), buffer: &buffer)
        }
        assertSnapshot(buffer, named: "flash-\(size.tag)")
    }

    @Test func messagesExpireByTheClock() {
        let message = FlashMessage("saved", at: .zero, for: .seconds(2))
        #expect(message.isVisible(at: .zero + .seconds(1)))
        #expect(!message.isVisible(at: .zero + .seconds(2)))
        #expect(FlashMessage("boom", level: .error, at: .zero).expires == .zero + .seconds(8))
    }
}
