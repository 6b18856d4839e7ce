/// Where the user is: `lake › datasets › ct-chest › series 3`. When the path is too long the
/// oldest crumbs give way to an ellipsis, so the current place always shows.
public struct Breadcrumbs: Widget, Sendable {
    public var crumbs: [String]

    public init(_ crumbs: [String]) {
        self.crumbs = crumbs
    }

    public func render(in area: Rect, buffer: inout Buffer) {
        guard !area.isEmpty else { return }
        let row = area.row(0)
        buffer.fill(row, role: .normal)
        let glyphs = buffer.palette.glyphs
        let separator = " " + glyphs.separator + " "
        let safe = crumbs.map { SafeText.sanitize($0) }
        var first = 0
        func joinedWidth(from start: Int) -> Int {
            let prefix = start > 0 ? DisplayWidth.of(glyphs.ellipsis + separator) : 0
            return prefix + DisplayWidth.of(safe[start...].joined(separator: separator))
        }
        while first < safe.count - 1, joinedWidth(from: first) > row.width { first += 1 }
        var x = row.x
        if first > 0 {
            x += buffer.write(glyphs.ellipsis + separator, column: x, row: row.y, width: row.right - x, role: .muted)
        }
        for index in first..<safe.count where x < row.right {
            if index > first {
                x += buffer.write(separator, column: x, row: row.y, width: row.right - x, role: .muted)
            }
            let role: Role = index == safe.count - 1 ? .title : .normal
            x += buffer.write(safe[index], column: x, row: row.y, width: row.right - x, role: role)
        }
    }
}
