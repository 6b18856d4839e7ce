import Testing

@testable import TUI
import TestSupport

@Suite struct TreeTests {
    private func makeState() -> TreeState<String> {
        TreeState(roots: [
            TreeNode(id: "ct", label: "CT " + Fixtures.cjk, detail: "3 series", hasChildren: true),
            TreeNode(id: "mr", label: "MR " + Fixtures.osc52, hasChildren: true),
            TreeNode(id: "vcf", label: "sample " + Fixtures.emoji),
        ])
    }

    @Test func expandingAnUnloadedNodeAsksForItsChildren() {
        var state = makeState()
        #expect(state.toggle() == .needsChildren("ct"))
        #expect(state.rows[0].isLoading)
        state.setChildren([TreeNode(id: "ct/1", label: "series 1"), TreeNode(id: "ct/2", label: "series 2")], of: "ct")
        #expect(state.rows.map(\.node.id) == ["ct", "ct/1", "ct/2", "mr", "vcf"])
        #expect(state.rows[1].depth == 1)
        #expect(state.toggle() == .collapsed)
        #expect(state.toggle() == .expanded)  // loaded once, not again
    }

    @Test func selectionFollowsItsNodeAndLeftGoesToTheParent() {
        var state = makeState()
        _ = state.toggle()
        state.selection.move(by: 1, count: state.rows.count)
        #expect(state.selectedRow?.node.id == "mr")
        state.setChildren([TreeNode(id: "ct/1", label: "series 1")], of: "ct")
        #expect(state.selectedRow?.node.id == "mr")
        state.selection.move(by: -1, count: state.rows.count)
        #expect(state.selectedRow?.node.id == "ct/1")
        state.collapseOrSelectParent()
        #expect(state.selectedRow?.node.id == "ct")
    }

    @Test func leavesDoNotToggle() {
        var state = makeState()
        state.selection.select(2, count: state.rows.count)
        #expect(state.toggle() == .unchanged)
    }

    @Test(arguments: snapshotSizes)
    func snapshot(size: Size) {
        var state = makeState()
        _ = state.toggle()
        state.setChildren(
            [
                TreeNode(id: "ct/1", label: "series 1 " + Fixtures.combining, detail: "120 instances"),
                TreeNode(id: "ct/2", label: "series 2 " + Fixtures.rtl, hasChildren: true),
            ],
            of: "ct"
        )
        state.selection.select(2, count: state.rows.count)
        _ = state.toggle()
        let buffer = render(size) { Tree<String>().render(in: $0.area, buffer: &$0, state: &state) }
        assertSnapshot(buffer, named: "tree-\(size.tag)")
    }
}
