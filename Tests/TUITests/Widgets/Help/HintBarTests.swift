import Testing

@testable import TUI
import TestSupport

@Suite struct HintBarTests {
    private let hints = [
        Hint(keys: ":", help: "screens"), Hint(keys: "/", help: "filter"), Hint(keys: "Enter", help: "open"),
        Hint(keys: "Esc", help: "back"), Hint(keys: "Tab", help: "next pane"), Hint(keys: "a", help: "flag series"),
        Hint(keys: "?", help: "help", isPinned: true), Hint(keys: "q", help: "quit", isPinned: true),
    ]

    @Test(arguments: [16, 20, 30, 45, 80])
    func helpAndQuitStayAtAnyWidth(width: Int) {
        let buffer = render(Size(width: width, height: 1)) { HintBar(hints: hints).render(in: $0.area, buffer: &$0) }
        let line = buffer.line(0)
        #expect(line.contains("? help"), "\(width): \(line)")
        #expect(line.contains("q quit"), "\(width): \(line)")
        #expect(!line.contains("…"), "hints are dropped whole, never cut")
    }

    @Test func unpinnedHintsGoFirstAndOrderIsKept() {
        let bar = HintBar(hints: hints)
        #expect(bar.shown(width: 20).map(\.keys) == ["?", "q"])
        #expect(bar.shown(width: 35).map(\.keys) == [":", "/", "?", "q"])
        #expect(bar.shown(width: 200).map(\.keys) == hints.map(\.keys))
    }

    @Test func pinnedHintsThatCannotFitAreDroppedWhole() {
        let buffer = render(Size(width: 8, height: 1)) { HintBar(hints: hints).render(in: $0.area, buffer: &$0) }
        #expect(buffer.line(0) == " ? help ")
    }
}
