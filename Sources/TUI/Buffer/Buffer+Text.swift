extension Buffer {
    // MARK: - Text

    /// Writes untrusted `text` on one row from `column`, using at most `width` cells (default: to the
    /// edge of the buffer), and returns the number of cells used.
    ///
    /// The text is sanitized (``SafeText``) and laid out by ``TextCells``. When it does not fit, the
    /// last cell that fits becomes the palette's ellipsis; a wide character never straddles the limit.
    /// Under a non-Unicode terminal symbols become their ``AsciiFallback`` and every other non-ASCII
    /// cell is drawn as `?` of the same width.
    @discardableResult
    public mutating func write(
        _ text: String,
        column: Int,
        row: Int,
        width: Int? = nil,
        style: Style,
        ellipsis: Bool = true
    ) -> Int {
        guard row >= area.y, row < area.bottom else { return 0 }
        var start = column
        var limit = min(width ?? (area.right - column), area.right - column)
        if start < area.x {
            limit -= area.x - start
            start = area.x
        }
        guard limit > 0 else { return 0 }
        let unicode = palette.glyphs.unicodeText
        var used = 0
        var lastStart = -1
        var overflow = false
        for piece in TextCells(text) {
            if used + piece.width > limit {
                overflow = true
                break
            }
            lastStart = used
            let symbol = unicode || piece.symbol.utf8.count == 1
                ? piece.symbol : (piece.width == 1 ? AsciiFallback.character(for: piece.symbol) : nil) ?? "?"
            set(Cell(symbol, style: style), column: start + used, row: row)
            if piece.width == 2 {
                set(Cell(unicode ? "" : "?", style: style), column: start + used + 1, row: row)
            }
            used += piece.width
        }
        guard overflow, ellipsis else { return used }
        let mark = palette.glyphs.ellipsis
        var at = used
        if used + 1 > limit, lastStart >= 0 { at = lastStart }
        if at + 1 > limit { return used }
        for blank in at..<used { set(Cell(" ", style: style), column: start + blank, row: row) }
        set(Cell(mark, style: style), column: start + at, row: row)
        return max(used, at + 1)
    }

    /// Writes `text` in the style of `role`; see ``write(_:column:row:width:style:ellipsis:)``.
    @discardableResult
    public mutating func write(_ text: String, column: Int, row: Int, width: Int? = nil, role: Role) -> Int {
        write(text, column: column, row: row, width: width, style: palette[role])
    }

    /// Writes `text` on the first row of `rect`, aligned, padding the rest of the row with `style`.
    public mutating func write(_ text: String, in rect: Rect, alignment: Alignment = .left, style: Style) {
        guard !rect.isEmpty else { return }
        fill(Rect(x: rect.x, y: rect.y, width: rect.width, height: 1), style: style)
        let width = DisplayWidth.of(text)
        let offset: Int
        switch alignment {
        case .left: offset = 0
        case .right: offset = max(0, rect.width - width)
        case .center: offset = max(0, (rect.width - width) / 2)
        }
        write(text, column: rect.x + offset, row: rect.y, width: rect.width - offset, style: style)
    }

    /// Writes `text` on the first row of `rect` in the style of `role`.
    public mutating func write(_ text: String, in rect: Rect, alignment: Alignment = .left, role: Role) {
        write(text, in: rect, alignment: alignment, style: palette[role])
    }

    // MARK: - Reading back

    /// Row `row` as text; continuation cells are skipped, as `tmux capture-pane` prints them.
    public func line(_ row: Int) -> String {
        guard row >= 0, row < area.height else { return "" }
        var out = ""
        for column in 0..<area.width { out += cells[row * area.width + column].symbol }
        return out
    }

    /// All rows as text, joined by newlines.
    public var text: String {
        (0..<area.height).map(line).joined(separator: "\n")
    }
}
