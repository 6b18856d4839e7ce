/// A bordered box showing labelled values in full: each value wrapped to the box's width and
/// scrolled with ``TextViewerState``, for text too long for a table cell (a UID, a path, a note).
///
/// Values are untrusted: every line goes through ``SafeText`` (by way of ``TextCells``), so control
/// and bidi characters show as visible stand-ins. A value's own line breaks start new lines.
public struct TextViewer: StatefulWidget, Sendable {
    /// One labelled value.
    public struct Field: Sendable, Hashable {
        public var label: String
        public var value: String

        public init(_ label: String, _ value: String) {
            self.label = label
            self.value = value
        }
    }

    public var title: String
    public var fields: [Field]

    public init(title: String, fields: [Field]) {
        self.title = title
        self.fields = fields
    }

    /// Draws the box over all of `area`; the state's offset is clamped to the wrapped lines.
    public func render(in area: Rect, buffer: inout Buffer, state: inout TextViewerState) {
        let block = Block(title: title, isFocused: true, fillRole: .dialog)
        buffer.fill(area, role: .dialog)
        block.render(in: area, buffer: &buffer)
        let inner = block.inner(area).inset(horizontal: 1, vertical: 0)
        guard !inner.isEmpty else { return }
        let lines = self.lines(width: inner.width)
        state.clamp(lineCount: lines.count, height: inner.height)
        for (row, line) in lines.dropFirst(state.offset).prefix(inner.height).enumerated() {
            buffer.write(line.text, column: inner.x, row: inner.y + row, width: inner.width,
                         role: line.isLabel ? .title : .dialog)
        }
        if lines.count > inner.height, area.width > 12 {
            let position = " \(state.offset + 1)-\(min(lines.count, state.offset + inner.height))/\(lines.count) "
            buffer.write(position, column: area.right - 1 - DisplayWidth.of(position), row: area.bottom - 1,
                         role: .muted)
        }
    }

    /// How many lines the viewer has when drawn over `area`, and how many it shows at once.
    public func lineCount(in area: Rect) -> (lines: Int, height: Int) {
        let inner = Block().inner(area).inset(horizontal: 1, vertical: 0)
        return (lines(width: inner.width).count, inner.height)
    }

    /// The lines drawn at `width`: each label, then its value wrapped and indented by two cells.
    func lines(width: Int) -> [(text: String, isLabel: Bool)] {
        var lines: [(text: String, isLabel: Bool)] = []
        for field in fields {
            lines.append((field.label, true))
            let paragraphs = field.value.split(separator: "\n", omittingEmptySubsequences: false)
            for paragraph in paragraphs {
                for piece in Self.wrap(String(paragraph), width: max(1, width - 2)) { lines.append(("  " + piece, false)) }
            }
        }
        return lines
    }

    /// `text` (sanitized) broken into pieces of at most `width` cells; a wide character never straddles
    /// a break. Breaks fall at the last space when there is one in the second half of the line, else
    /// anywhere (UIDs and paths have no spaces).
    public static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var pieces: [String] = []
        var current: [TextCells.Element] = []
        var used = 0
        for cell in TextCells(text) {
            if used + cell.width > width {
                var cut = current.count
                if let space = current.lastIndex(where: { $0.symbol == " " }), space >= current.count / 2 {
                    cut = space + 1
                }
                pieces.append(current[..<cut].map(\.symbol).joined())
                current = Array(current[cut...])
                used = current.reduce(0) { $0 + $1.width }
            }
            current.append(cell)
            used += cell.width
        }
        pieces.append(current.map(\.symbol).joined())
        return pieces
    }
}

/// How far a ``TextViewer`` is scrolled.
public struct TextViewerState: Sendable, Hashable {
    /// The first line shown.
    public private(set) var offset: Int

    public init(offset: Int = 0) {
        self.offset = max(0, offset)
    }

    /// j/k, arrows, PgUp/PgDn, Space, g/G, Home/End scroll over `lineCount` lines shown `height` at a
    /// time (``TextViewer/lineCount(in:)``); returns whether the key was one of them.
    public mutating func handle(_ key: Key, lineCount: Int, height: Int) -> Bool {
        let page = max(1, height - 1)
        switch key {
        case .character("j"), .down: offset += 1
        case .character("k"), .up: offset -= 1
        case .pageDown, .character(" "): offset += page
        case .pageUp: offset -= page
        case .character("g"), .home: offset = 0
        case .character("G"), .end: offset = lineCount
        default: return false
        }
        clamp(lineCount: lineCount, height: height)
        return true
    }

    /// Keeps the offset within `lineCount` lines shown `height` at a time.
    public mutating func clamp(lineCount: Int, height: Int) {
        offset = max(0, min(offset, lineCount - max(1, height)))
    }
}
