import Testing

@testable import TUI
import TestSupport

@Suite struct KeymapTests {
    enum Action: Hashable, Sendable { case up, down, open, delete, help, quit, hidden }

    let keymap = Keymap<Action>([
        KeyBinding([.character("k"), .up], .up, help: "up", group: "Navigation", inHintBar: false),
        KeyBinding([.character("j"), .down], .down, help: "down", group: "Navigation", inHintBar: false),
        KeyBinding([.enter], .open, help: "open", group: "Navigation"),
        KeyBinding([.character("d")], .delete, help: "delete"),
        KeyBinding([.character("x")], .hidden, help: "never", isEnabled: false),
        KeyBinding([.character("?")], .help, help: "help", group: "General"),
        KeyBinding([.character("q"), .control("c")], .quit, help: "quit", group: "General"),
    ])

    @Test func keysRouteToActions() {
        #expect(keymap.action(for: .down) == .down)
        #expect(keymap.action(for: .control("c")) == .quit)
        #expect(keymap.action(for: .character("x")) == nil)
        #expect(keymap.action(for: .character("z")) == nil)
    }

    @Test func hintsListEnabledHintBarBindingsInOrder() {
        #expect(
            keymap.hints == [
                Hint(keys: "Enter", help: "open"), Hint(keys: "d", help: "delete"), Hint(keys: "?", help: "help"),
                Hint(keys: "q/Ctrl-C", help: "quit"),
            ]
        )
    }

    @Test func helpGroupsEveryEnabledBinding() {
        let sections = keymap.helpSections
        #expect(sections.map(\.title) == ["Navigation", "Actions", "General"])
        #expect(sections[0].hints.map(\.keys) == ["k/↑", "j/↓", "Enter"])
        #expect(!sections.flatMap(\.hints).contains { $0.help == "never" })
    }

    @Test(arguments: snapshotSizes)
    func hintBarDropsWholeHintsThatDoNotFit(size: Size) {
        let buffer = render(Size(width: size.width, height: 1)) {
            HintBar(hints: keymap.hints).render(in: $0.area, buffer: &$0)
        }
        assertSnapshot(buffer, named: "hint-bar-\(size.tag)")
    }

    @Test(arguments: snapshotSizes)
    func helpOverlayShowsTheKeymap(size: Size) {
        let buffer = render(Size(width: size.width, height: size.height + 4)) {
            HelpOverlay(sections: keymap.helpSections).render(in: $0.area, buffer: &$0)
        }
        assertSnapshot(buffer, named: "help-overlay-\(size.tag)")
    }

    @Test func conflictsListKeysBoundTwice() {
        #expect(keymap.conflicts.isEmpty)
        let clash = keymap.merged(with: Keymap([KeyBinding([.character("q"), .character("z")], .hidden, help: "x")]))
        #expect(clash.conflicts == [.character("q")])
        #expect(clash.action(for: .character("q")) == .quit)
    }

    @Test func keyLabelsAreReadable() {
        #expect(Key.character(" ").label == "Space")
        #expect(Key.control("w").label == "Ctrl-W")
        #expect(Key.function(5).label == "F5")
        #expect(Key.character("\u{1B}").label == "^[")
    }
}
