/// The nodes loaded so far, which are expanded, and the selection of a ``Tree``.
///
/// Children are lazy: expanding a node whose children are unknown returns
/// ``ToggleResult/needsChildren(_:)``; the program starts a ``Command`` to fetch them and hands the
/// result to ``setChildren(_:of:)``. Until then the node shows as loading.
public struct TreeState<ID: Hashable & Sendable>: Sendable {
    /// What ``toggle()`` did.
    public enum ToggleResult: Sendable, Hashable {
        case collapsed
        case expanded
        /// Expanded, and the children of this node must be loaded.
        case needsChildren(ID)
        /// The selected node is a leaf or nothing is selected.
        case unchanged
    }

    public private(set) var roots: [TreeNode<ID>]
    private var children: [ID: [TreeNode<ID>]] = [:]
    public private(set) var expanded: Set<ID> = []
    public var selection = ScrollSelection()
    /// The visible rows, recomputed when the tree changes rather than each frame.
    public private(set) var rows: [TreeRow<ID>] = []

    public init(roots: [TreeNode<ID>]) {
        self.roots = roots
        rebuild()
    }

    /// The selected row.
    public var selectedRow: TreeRow<ID>? {
        guard let index = selection.selected, index < rows.count else { return nil }
        return rows[index]
    }

    /// Expands or collapses the selected node.
    public mutating func toggle() -> ToggleResult {
        guard let row = selectedRow, row.node.hasChildren else { return .unchanged }
        let id = row.node.id
        if expanded.contains(id) {
            expanded.remove(id)
            rebuild()
            return .collapsed
        }
        expanded.insert(id)
        rebuild()
        return children[id] == nil ? .needsChildren(id) : .expanded
    }

    /// Collapses the selected node, or selects its parent if it is already collapsed (← in a tree).
    public mutating func collapseOrSelectParent() {
        guard let index = selection.selected, index < rows.count else { return }
        let row = rows[index]
        if expanded.contains(row.node.id) {
            expanded.remove(row.node.id)
            rebuild()
        } else if let parent = rows[..<index].lastIndex(where: { $0.depth < row.depth }) {
            selection.select(parent, count: rows.count)
        }
    }

    /// Stores the loaded children of `id` (replacing earlier ones).
    public mutating func setChildren(_ nodes: [TreeNode<ID>], of id: ID) {
        children[id] = nodes
        rebuild()
    }

    /// Replaces the top-level nodes, keeping expansion and loaded children of ids that remain.
    public mutating func setRoots(_ nodes: [TreeNode<ID>]) {
        roots = nodes
        rebuild()
    }

    private mutating func rebuild() {
        let selectedID = selectedRow?.node.id
        var out: [TreeRow<ID>] = []
        func visit(_ nodes: [TreeNode<ID>], depth: Int) {
            for node in nodes {
                let isExpanded = node.hasChildren && expanded.contains(node.id)
                let loaded = children[node.id]
                out.append(
                    TreeRow(
                        node: node,
                        depth: depth,
                        isExpanded: isExpanded,
                        isLoading: isExpanded && loaded == nil
                    )
                )
                if isExpanded, let loaded { visit(loaded, depth: depth + 1) }
            }
        }
        visit(roots, depth: 0)
        rows = out
        if let selectedID, let index = rows.firstIndex(where: { $0.node.id == selectedID }) {
            selection.select(index, count: rows.count)
        } else {
            selection.clamp(count: rows.count)
        }
    }
}
