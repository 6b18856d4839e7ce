/// A border with an optional title around a pane; ``inner(_:)`` is the area left for the content.
public struct Block: Widget, Sendable {
    /// Untrusted text is fine: it is sanitized when drawn.
    public var title: String
    /// Focused blocks draw their border in ``Role/borderFocused``.
    public var isFocused: Bool
    /// The role the inside is filled with.
    public var fillRole: Role?

    public init(title: String = "", isFocused: Bool = false, fillRole: Role? = nil) {
        self.title = title
        self.isFocused = isFocused
        self.fillRole = fillRole
    }

    /// The area inside the border.
    public func inner(_ area: Rect) -> Rect { area.inset(by: 1) }

    public func render(in area: Rect, buffer: inout Buffer) {
        guard area.width >= 2, area.height >= 2 else { return }
        let glyphs = buffer.palette.glyphs
        let style = buffer.palette[isFocused ? .borderFocused : .border]
        if let fillRole { buffer.fill(inner(area), role: fillRole) }
        for column in area.x + 1..<area.right - 1 {
            buffer.set(Cell(glyphs.horizontal, style: style), column: column, row: area.y)
            buffer.set(Cell(glyphs.horizontal, style: style), column: column, row: area.bottom - 1)
        }
        for row in area.y + 1..<area.bottom - 1 {
            buffer.set(Cell(glyphs.vertical, style: style), column: area.x, row: row)
            buffer.set(Cell(glyphs.vertical, style: style), column: area.right - 1, row: row)
        }
        buffer.set(Cell(glyphs.topLeft, style: style), column: area.x, row: area.y)
        buffer.set(Cell(glyphs.topRight, style: style), column: area.right - 1, row: area.y)
        buffer.set(Cell(glyphs.bottomLeft, style: style), column: area.x, row: area.bottom - 1)
        buffer.set(Cell(glyphs.bottomRight, style: style), column: area.right - 1, row: area.bottom - 1)
        if !title.isEmpty, area.width > 4 {
            buffer.write(" " + title + " ", column: area.x + 1, row: area.y, width: area.width - 2, role: .title)
        }
    }
}
