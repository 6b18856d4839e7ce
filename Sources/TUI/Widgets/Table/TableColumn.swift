/// One column of a ``Table``: its title, how wide it may be, how its cells align and where they are cut.
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

    /// Where a value too wide for its column loses cells.
    public enum Truncation: Sendable, Hashable {
        /// The end: `Synthetic CT st…`. For prose, where the start says the most.
        case end
        /// The middle: `2.25.7.3…0.0.0.12`, `NA0001/…_R1_001.fastq.gz`. For UIDs and paths, whose
        /// long common prefixes would make cut rows look the same while the ends tell them apart.
        case middle
    }

    public var title: String
    public var width: Width
    public var alignment: Alignment
    public var truncation: Truncation

    public init(_ title: String, width: Width = .auto(), alignment: Alignment = .left, truncation: Truncation = .end) {
        self.title = title
        self.width = width
        self.alignment = alignment
        self.truncation = truncation
    }
}
