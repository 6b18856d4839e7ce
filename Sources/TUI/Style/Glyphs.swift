/// The drawing characters widgets use, in a Unicode and an ASCII set.
///
/// Under a non-UTF-8 locale ncurses cannot draw box characters (they come out as `lqk x`), so the
/// backend reports whether Unicode is available and the palette carries the matching set.
public struct Glyphs: Sendable, Hashable {
    public var horizontal: String
    public var vertical: String
    public var topLeft: String
    public var topRight: String
    public var bottomLeft: String
    public var bottomRight: String
    public var ellipsis: String
    /// Fractional fills from 1/8 to 8/8 of a cell, for gauges.
    public var eighths: [String]
    /// The empty part of a gauge.
    public var gaugeEmpty: String
    /// Sparkline levels, lowest first.
    public var sparkline: [String]
    public var expanded: String
    public var collapsed: String
    public var leaf: String
    public var sortAscending: String
    public var sortDescending: String
    public var separator: String
    public var selectionMarker: String
    /// Whether the half-block (`▀`) image can be drawn.
    public var halfBlocks: Bool
    /// Whether non-ASCII text reaches the screen; if not, every such cell is drawn as `?`.
    public var unicodeText: Bool

    /// Box drawing, block elements and arrows.
    public static let unicode = Glyphs(
        horizontal: "─",
        vertical: "│",
        topLeft: "┌",
        topRight: "┐",
        bottomLeft: "└",
        bottomRight: "┘",
        ellipsis: "…",
        eighths: ["▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"],
        gaugeEmpty: " ",
        sparkline: ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"],
        expanded: "▾",
        collapsed: "▸",
        leaf: "·",
        sortAscending: "▲",
        sortDescending: "▼",
        separator: "›",
        selectionMarker: "▌",
        halfBlocks: true,
        unicodeText: true
    )

    /// Plain ASCII for non-UTF-8 locales.
    public static let ascii = Glyphs(
        horizontal: "-",
        vertical: "|",
        topLeft: "+",
        topRight: "+",
        bottomLeft: "+",
        bottomRight: "+",
        ellipsis: "~",
        eighths: ["#", "#", "#", "#", "#", "#", "#", "#"],
        gaugeEmpty: ".",
        sparkline: ["_", ".", "-", "-", "=", "=", "#", "#"],
        expanded: "v",
        collapsed: ">",
        leaf: "-",
        sortAscending: "^",
        sortDescending: "v",
        separator: ">",
        selectionMarker: ">",
        halfBlocks: false,
        unicodeText: false
    )
}
