/// The `/` filter: a text input with the number of matching rows at its right, e.g.
/// `/mül█            12 of 1000000`.
public struct FilterLine: StatefulWidget {
    public var matchCount: Int
    public var totalCount: Int
    public var isFocused: Bool

    public init(matchCount: Int, totalCount: Int, isFocused: Bool = true) {
        self.matchCount = matchCount
        self.totalCount = totalCount
        self.isFocused = isFocused
    }

    public func render(in area: Rect, buffer: inout Buffer, state: inout TextInputState) {
        guard !area.isEmpty else { return }
        let row = area.row(0)
        let counter = "\(matchCount) of \(totalCount)"
        let counterWidth = DisplayWidth.of(counter)
        let inputWidth = row.width > counterWidth + 4 ? row.width - counterWidth - 2 : row.width
        let input = TextInput(prompt: "/", placeholder: "filter", isFocused: isFocused)
        input.render(in: Rect(x: row.x, y: row.y, width: inputWidth, height: 1), buffer: &buffer, state: &state)
        if inputWidth < row.width {
            buffer.fill(Rect(x: row.x + inputWidth, y: row.y, width: row.width - inputWidth, height: 1), role: .input)
            buffer.write(counter, column: row.right - counterWidth, row: row.y, role: .muted)
        }
    }
}
