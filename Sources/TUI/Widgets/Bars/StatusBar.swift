/// A one-row bar with left, centre and right text: the header (lake, user, role, clock) or the
/// status line. The right part wins space over the centre, the left over both.
public struct StatusBar: Widget, Sendable {
    public var left: String
    public var center: String
    public var right: String
    public var role: Role

    public init(left: String = "", center: String = "", right: String = "", role: Role = .status) {
        self.left = left
        self.center = center
        self.right = right
        self.role = role
    }

    public func render(in area: Rect, buffer: inout Buffer) {
        guard !area.isEmpty else { return }
        let row = area.row(0)
        let style = buffer.palette[role]
        buffer.fill(row, style: style)
        let leftUsed = buffer.write(left, column: row.x + 1, row: row.y, width: max(0, row.width - 2), style: style)
        let rightWidth = min(DisplayWidth.of(right), max(0, row.width - leftUsed - 3))
        if rightWidth > 0 {
            buffer.write(right, column: row.right - 1 - rightWidth, row: row.y, width: rightWidth, style: style)
        }
        let centerWidth = DisplayWidth.of(center)
        let start = max(row.x + leftUsed + 2, row.x + (row.width - centerWidth) / 2)
        let end = row.right - 1 - rightWidth - (rightWidth > 0 ? 1 : 0)
        if !center.isEmpty, end - start > 0 {
            buffer.write(center, column: start, row: row.y, width: end - start, style: style)
        }
    }
}
