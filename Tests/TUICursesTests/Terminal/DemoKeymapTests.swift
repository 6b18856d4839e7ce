import TUI
import Testing

@testable import TUIDemo

@Suite struct DemoKeymapTests {
    @Test func theDemoKeymapHasNoConflictsAndItsHintsFitTheTestTerminal() {
        #expect(demoKeymap.conflicts.isEmpty)
        let width = demoKeymap.hints.map { DisplayWidth.of($0.keys) + 1 + DisplayWidth.of($0.help) + 2 }.reduce(1, +)
        #expect(width <= 100)
    }
}
