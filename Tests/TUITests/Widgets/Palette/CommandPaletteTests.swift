import Testing

@testable import TUI
import TestSupport

@Suite struct CommandPaletteTests {
    enum Screen: Hashable, Sendable { case datasets, imaging, genomics, flags, promotions, migrations, audit }

    private let palette = CommandPalette(commands: [
        PaletteCommand("datasets", help: "datasets by zone", action: Screen.datasets),
        PaletteCommand("imaging", help: "studies, series, instances", action: .imaging),
        PaletteCommand("genomics", help: "samples and files", action: .genomics),
        PaletteCommand("flags", help: "quality flags", action: .flags),
        PaletteCommand("promotions", help: "requests and approvals", action: .promotions),
        PaletteCommand("migrations", help: "tier moves " + Fixtures.clearScreen, action: .migrations),
        PaletteCommand("audit", help: "the audit chain", action: .audit),
    ])

    @Test func fuzzyMatchingRanksWordStartsAndRuns() {
        #expect(palette.matches(for: "mig").first?.command.action == .migrations)
        #expect(palette.matches(for: "dts").map(\.command.action) == [.datasets])
        #expect(palette.matches(for: "zzz").isEmpty)
        #expect(palette.matches(for: "").count == 7)
        #expect(FuzzyMatch.match("ab", in: "xab-a")?.positions == [1, 2])
        #expect(
            (FuzzyMatch.match("mg", in: "image-manager")?.score ?? 0)
                < (FuzzyMatch.match("mg", in: "migrations")?.score ?? 0)
        )
    }

    @Test func typingResetsTheSelectionAndArrowsMoveIt() {
        var state = CommandPaletteState()
        for c in "o" { _ = state.handle(.character(c), matchCount: 7) }
        let count = palette.matches(for: state.input.text).count
        _ = state.handle(.down, matchCount: count)
        #expect(state.selection.selected == 1)
        _ = state.handle(.character("n"), matchCount: count)
        #expect(state.selection.selected == 0)
        #expect(palette.selectedAction(state: state) != nil)
        let usedEnter = state.handle(.enter, matchCount: count)
        #expect(!usedEnter)
    }

    @Test(arguments: snapshotSizes)
    func snapshot(size: Size) {
        var state = CommandPaletteState()
        for c in "io" { _ = state.handle(.character(c), matchCount: 7) }
        let buffer = render(size) { palette.render(in: $0.area, buffer: &$0, state: &state) }
        assertSnapshot(buffer, named: "command-palette-\(size.tag)")
    }
}
