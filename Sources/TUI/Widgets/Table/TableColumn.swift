/// One column of a ``Table``: its title, how wide it may be and how its cells align.
public struct TableColumn: Sendable, Hashable {
    /// How a column's width is chosen each frame.
    public enum Width: Sendable, Hashable {
        /// As wide as the widest visible cell or the title, within `min...max`.
        case auto(min: Int = 1, max: Int = 40)
        /// Exactly this many cells.
        case fixed(Int)
        /// What the other columns leave, at least `min`.
        case fill(min: Int = 1)
    }

    public var title: String
    public var width: Width
    public var alignment: Alignment

    public init(_ title: String, width: Width = .auto(), alignment: Alignment = .left) {
        self.title = title
        self.width = width
        self.alignment = alignment
    }
}
