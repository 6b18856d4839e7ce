@testable import LakeEngine
import Testing
@testable import Workbench

@Suite("Tag tree folding")
struct TagTreeTests {
    /// A sequence with two items, the second holding a nested sequence with one item.
    private let lines: [TagLine] = [
        line(0, "Modality"),
        line(0, "ReferencedSeries", children: true),
        line(1, "Item #1", children: true),
        line(2, "SeriesUID"),
        line(1, "Item #2", children: true),
        line(2, "Nested", children: true),
        line(3, "Item #1", children: true),
        line(4, "CodeValue"),
        line(0, "PatientName"),
    ]

    private static func line(_ depth: Int, _ label: String, children: Bool = false) -> TagLine {
        TagLine(depth: depth, tag: "(0008,0000)", vr: children ? "SQ" : "LO", label: label, value: label.lowercased(),
                isPrivate: false, hasChildren: children)
    }

    @Test("Sequences deeper than depth 1 start collapsed; subtrees and parents are known")
    func defaults() {
        let tree = TagTree(lines)
        #expect(tree.shown == [0, 1, 2, 3, 4, 5, 8])
        #expect(tree.isCollapsed(5) && tree.isCollapsed(6))
        #expect(tree.subtreeEnd[1] == 8)
        #expect(tree.parent[7] == 6)
        #expect(!tree.isFolder(0))
    }

    @Test("Expand, collapse, expand all and collapse all change the shown lines")
    func folding() {
        var tree = TagTree(lines)
        tree.expand(5)
        #expect(tree.shown == [0, 1, 2, 3, 4, 5, 6, 8])
        tree.collapse(1)
        #expect(tree.shown == [0, 1, 8])
        tree.expandAll()
        #expect(tree.shown == Array(lines.indices))
        tree.collapseAll()
        #expect(tree.shown == [0, 1, 8])
    }

    @Test("Revealing a match expands its ancestors only")
    func reveal() {
        var tree = TagTree(lines)
        tree.collapseAll()
        #expect(tree.matches("codevalue") == [7])
        tree.reveal(7)
        #expect(tree.shown == [0, 1, 2, 4, 5, 6, 7, 8])
        #expect(tree.isCollapsed(2))
    }

    @Test("An empty tree and a tree of leaves fold nothing")
    func edges() {
        var empty = TagTree([])
        empty.collapseAll()
        #expect(empty.shown.isEmpty)
        let flat = TagTree([Self.line(0, "A"), Self.line(0, "B")])
        #expect(flat.shown == [0, 1])
    }
}
