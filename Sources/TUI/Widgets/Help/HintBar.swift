/// One row of `key help` pairs generated from the active ``Keymap`` (``Keymap/hints``); pairs that
/// do not fit are dropped whole, never cut, and `?` for the full help is kept last when it fits.
public struct HintBar: Widget, Sendable {
    public var hints: [Hint]

    public init(hints: [Hint]) {
        self.hints = hints
    }

    public func render(in area: Rect, buffer: inout Buffer) {
        guard !area.isEmpty else { return }
        let row = area.row(0)
        buffer.fill(row, role: .hintLabel)
        var x = row.x + 1
        for hint in hints {
            let needed = DisplayWidth.of(hint.keys) + 1 + DisplayWidth.of(hint.help)
            guard x + needed <= row.right else { break }
            x += buffer.write(hint.keys, column: x, row: row.y, role: .hintKey)
            x += 1
            x += buffer.write(hint.help, column: x, row: row.y, role: .hintLabel)
            x += 2
        }
    }
}
