@testable import LakeEngine
import Testing
import TUI
@testable import Workbench

@Suite("Imaging tag tree keys", .serialized)
@MainActor
struct TagTreeKeysTests {
    /// Opens the first CT series' first instance and gives the tags the focus.
    private func openTags(_ name: String) async throws -> Harness {
        let harness = try Harness(lake: try SampleFixture.make(name), screen: .imaging)
        try await harness.start()
        await harness.press(.enter, .enter, .tab)
        return harness
    }

    @Test("← and → (h and l) fold and unfold the sequence under the cursor; Enter toggles; ← on a leaf steps out")
    func foldKeys() async throws {
        let harness = try await openTags("tags-fold")
        let tree = harness.model.screens.imaging.tree
        let sequence = try #require(tree.lines.indices.first { tree.isFolder($0) && tree.lines[$0].depth == 0 })
        let position = try #require(tree.shown.firstIndex(of: sequence))
        for _ in 0..<position { await harness.press(.character("j")) }
        #expect(harness.model.screens.imaging.selectedTagLine == sequence)
        let expandedCount = harness.model.screens.imaging.tree.shown.count
        await harness.press(.left)
        #expect(harness.model.screens.imaging.tree.isCollapsed(sequence))
        #expect(harness.model.screens.imaging.tree.shown.count < expandedCount)
        #expect(harness.text.contains("▸ (0008,1032)"))
        await harness.press(.character("l"))
        #expect(!harness.model.screens.imaging.tree.isCollapsed(sequence))
        await harness.press(.character("l"))
        #expect(harness.model.screens.imaging.selectedTagLine == sequence + 1)
        await harness.press(.character("h"))
        #expect(harness.model.screens.imaging.tree.isCollapsed(sequence + 1) || harness.model.screens.imaging.selectedTagLine == sequence)
        await harness.press(.enter)
        let toggled = harness.model.screens.imaging.selectedTagLine.map { harness.model.screens.imaging.tree.isCollapsed($0) }
        await harness.press(.enter)
        #expect(harness.model.screens.imaging.selectedTagLine.map { harness.model.screens.imaging.tree.isCollapsed($0) } == toggled.map(!))
    }

    @Test("+ expands everything, − folds every sequence and item, keeping the cursor on a shown line")
    func foldAll() async throws {
        let harness = try await openTags("tags-all")
        await harness.press(.character("+"))
        let tree = harness.model.screens.imaging.tree
        #expect(tree.shown.count == tree.lines.count)
        #expect(!harness.text.contains("folded"))
        await harness.press(.character("G"), .character("-"))
        let folded = harness.model.screens.imaging.tree
        #expect(folded.shown.allSatisfy { folded.lines[$0].depth == 0 })
        let cursor = try #require(harness.model.screens.imaging.selectedTagLine)
        #expect(folded.shown.contains(cursor))
        #expect(harness.text.contains("folded"))
    }

    @Test("A search jumps to a match inside a folded item and expands it; n and N walk the matches")
    func searchReveals() async throws {
        let harness = try await openTags("tags-reveal")
        await harness.press(.character("-"), .character("/"))
        await harness.type("CodeValue")
        await harness.press(.enter)
        let imaging = harness.model.screens.imaging
        let line = try #require(imaging.selectedTagLine)
        #expect(imaging.tree.lines[line].label == "CodeValue")
        #expect(imaging.instances.table.selection.selected == 0, "the tag search leaves the instance selected")
        #expect(imaging.tree.lines[line].depth > 0)
        #expect(imaging.tree.shown.contains(line))
        let matches = imaging.tree.matches("CodeValue")
        await harness.press(.character("n"))
        let next = try #require(harness.model.screens.imaging.selectedTagLine)
        #expect(next == (matches.count > 1 ? matches[1] : matches[0]))
        await harness.press(.character("N"))
        #expect(harness.model.screens.imaging.selectedTagLine == line)
    }
}
