/// One terminal cell: what is drawn there and how.
///
/// A wide character occupies its cell and the next; the next holds an empty ``symbol`` (a
/// continuation) so the buffer and the terminal advance the same way.
public struct Cell: Sendable, Hashable {
    /// A printable base character plus combining marks, `""` for the second half of a wide character.
    public var symbol: String
    public var style: Style

    public init(_ symbol: String, style: Style = .plain) {
        self.symbol = symbol
        self.style = style
    }

    /// A space in the terminal's default look.
    public static let blank = Cell(" ")

    /// Whether this is the right half of a wide character.
    public var isContinuation: Bool { symbol.isEmpty }
}

/// A cell that differs from the previous frame, as handed to a ``Backend``.
public struct CellChange: Sendable, Hashable {
    public var column: Int
    public var row: Int
    public var cell: Cell
}
