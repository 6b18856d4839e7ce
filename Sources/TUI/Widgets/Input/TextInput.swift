/// Draws a ``TextInputState`` on one row: a prompt, the text scrolled so the cursor shows, and the
/// cursor as a ``Role/cursor`` cell. Typed text is untrusted like any other and is sanitized.
public struct TextInput: StatefulWidget {
    public var prompt: String
    /// Shown in ``Role/muted`` while the text is empty.
    public var placeholder: String
    public var isFocused: Bool

    public init(prompt: String = "", placeholder: String = "", isFocused: Bool = true) {
        self.prompt = prompt
        self.placeholder = placeholder
        self.isFocused = isFocused
    }

    public func render(in area: Rect, buffer: inout Buffer, state: inout TextInputState) {
        guard !area.isEmpty else { return }
        let row = area.row(0)
        let style = buffer.palette[.input]
        buffer.fill(row, style: style)
        let promptWidth = buffer.write(prompt, column: row.x, row: row.y, width: row.width, style: style)
        let start = row.x + promptWidth
        let width = row.right - start
        guard width > 0 else { return }
        if state.text.isEmpty, !placeholder.isEmpty {
            buffer.write(placeholder, column: start + 1, row: row.y, width: width - 1, role: .muted)
        }
        let characters = Array(state.text)
        // Scroll: drop characters from the left until the text before the cursor leaves a cell for it.
        var first = 0
        var before = DisplayWidth.of(String(characters[..<state.cursor]))
        while before > width - 1, first < state.cursor {
            before -= DisplayWidth.of(String(characters[first]))
            first += 1
        }
        let visible = String(characters[first...])
        buffer.write(visible, column: start, row: row.y, width: width, style: style)
        guard isFocused else { return }
        let cursorX = start + before
        let under = state.cursor < characters.count ? String(characters[state.cursor]) : " "
        if cursorX < row.right {
            buffer.write(under, column: cursorX, row: row.y, width: row.right - cursorX, role: .cursor)
        }
    }
}
