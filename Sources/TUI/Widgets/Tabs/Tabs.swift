/// A row of tab titles with the selected one highlighted: ` Imaging │ Genomics │ Flags `.
public struct Tabs: Widget, Sendable {
    public var titles: [String]
    public var selected: Int

    public init(titles: [String], selected: Int) {
        self.titles = titles
        self.selected = selected
    }

    public func render(in area: Rect, buffer: inout Buffer) {
        guard !area.isEmpty else { return }
        let row = area.row(0)
        buffer.fill(row, role: .tabInactive)
        var x = row.x
        for (index, title) in titles.enumerated() {
            guard x < row.right else { break }
            if index > 0 {
                x += buffer.write(
                    buffer.palette.glyphs.vertical,
                    column: x,
                    row: row.y,
                    width: row.right - x,
                    role: .tabInactive
                )
            }
            let role: Role = index == selected ? .tabActive : .tabInactive
            x += buffer.write(" " + title + " ", column: x, row: row.y, width: row.right - x, role: role)
        }
    }
}
