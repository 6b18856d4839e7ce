/// One node of a ``Tree``: an identity, a label and whether it may have children (which are loaded
/// only when it is first expanded).
public struct TreeNode<ID: Hashable & Sendable>: Sendable, Hashable {
    public var id: ID
    /// Untrusted text is fine: it is sanitized when drawn.
    public var label: String
    /// Text drawn after the label in ``Role/muted`` (a count, a size).
    public var detail: String
    public var hasChildren: Bool

    public init(id: ID, label: String, detail: String = "", hasChildren: Bool = false) {
        self.id = id
        self.label = label
        self.detail = detail
        self.hasChildren = hasChildren
    }
}

/// A node as it appears on screen: its depth and whether it is expanded or still loading.
public struct TreeRow<ID: Hashable & Sendable>: Sendable, Hashable {
    public var node: TreeNode<ID>
    public var depth: Int
    public var isExpanded: Bool
    /// Expanded but its children have not arrived yet.
    public var isLoading: Bool
}
