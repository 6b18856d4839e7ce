import TUI

/// The full text of one record (an audit event, a promotion request, a job, a version) over the screen:
/// every field with its whole value wrapped, scrolled with the list keys; `y` copies the value under
/// the cursor to the clipboard (OSC 52), Esc, Enter or `q` close it.
///
/// Values are untrusted text: they are drawn through `Buffer.write` (sanitized) and copied
/// base64-encoded, so they cannot reach the terminal as control sequences.
struct RecordViewer: Sendable {
    /// One drawn line: the field it belongs to, its key on the field's first line, and a piece of the value.
    struct Line: Sendable, Hashable {
        var field: Int
        var key: String
        var text: String
    }

    let title: String
    let fields: [(key: String, value: String)]
    private(set) var lines: [Line] = []
    var selection = ScrollSelection()

    /// Width of the key column.
    static let keyWidth = 16

    /// A viewer whose values wrap at `width` columns (the box's inner width less the key column).
    init(title: String, fields: [(key: String, value: String)], width: Int) {
        self.title = title
        self.fields = fields
        let wrap = max(10, width - Self.keyWidth - 1)
        for (index, field) in fields.enumerated() {
            let pieces = Self.wrap(field.value, width: wrap)
            for (offset, piece) in pieces.enumerated() {
                lines.append(Line(field: index, key: offset == 0 ? field.key : "", text: piece))
            }
        }
    }

    /// The value of the field under the cursor (what `y` copies).
    var selectedValue: String? {
        guard let index = selection.selected, index < lines.count else { return nil }
        return fields[lines[index].field].value
    }

    /// j/k, arrows, g/G, PgUp/PgDn.
    mutating func navigate(_ key: Key, page: Int) {
        _ = selection.handle(key, count: lines.count, page: page)
    }

    /// Splits `text` into pieces of at most `width` display columns, at line breaks and then by width.
    static func wrap(_ text: String, width: Int) -> [String] {
        var pieces: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var current = ""
            var columns = 0
            for character in paragraph {
                let w = DisplayWidth.of(String(character))
                if columns + w > width, !current.isEmpty {
                    pieces.append(current)
                    current = ""
                    columns = 0
                }
                current.append(character)
                columns += w
            }
            pieces.append(current)
        }
        return pieces.isEmpty ? [""] : pieces
    }

    /// The box the viewer takes on a screen of `area`.
    static func box(in area: Rect) -> Rect {
        area.centered(width: max(20, area.width - 6), height: max(6, area.height - 4))
    }

    func render(in area: Rect, buffer: inout Buffer) {
        let box = Self.box(in: area)
        let block = Block(title: title + "  (y copy · Esc close)", isFocused: true, fillRole: .dialog)
        buffer.fill(box, role: .dialog)
        block.render(in: box, buffer: &buffer)
        let inner = block.inner(box).inset(horizontal: 1, vertical: 0)
        guard !inner.isEmpty else { return }
        var scroll = selection
        let range = scroll.scrollToSelection(height: inner.height, count: lines.count)
        for (offset, index) in range.enumerated() {
            let line = lines[index]
            let row = inner.row(offset)
            let selected = index == scroll.selected
            let role: Role = selected ? .selection : .dialog
            buffer.fill(row, role: role)
            buffer.write(line.key, column: row.x, row: row.y, width: min(Self.keyWidth, row.width),
                         role: selected ? .selection : .muted)
            let x = row.x + Self.keyWidth + 1
            guard x < row.right else { continue }
            buffer.write(line.text, column: x, row: row.y, width: row.right - x, role: role)
        }
    }
}
