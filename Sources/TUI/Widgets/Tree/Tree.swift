/// An indented tree with expand/collapse markers; the nodes and expansion live in ``TreeState``.
public struct Tree<ID: Hashable & Sendable>: StatefulWidget {
    public var isFocused: Bool
    /// Cells of indentation per level.
    public var indent: Int
    /// Shown after a node whose children are loading.
    public var loadingText: String

    public init(isFocused: Bool = true, indent: Int = 2, loadingText: String = "loading…") {
        self.isFocused = isFocused
        self.indent = indent
        self.loadingText = loadingText
    }

    public func render(in area: Rect, buffer: inout Buffer, state: inout TreeState<ID>) {
        guard !area.isEmpty else { return }
        let glyphs = buffer.palette.glyphs
        buffer.fill(area, role: .normal)
        let visible = state.selection.scrollToSelection(height: area.height, count: state.rows.count)
        var y = area.y
        for index in visible {
            let row = state.rows[index]
            let selected = index == state.selection.selected
            let style = buffer.palette[selected ? (isFocused ? .selection : .selectionInactive) : .normal]
            buffer.fill(area.row(y - area.y), style: style)
            let marker = row.node.hasChildren ? (row.isExpanded ? glyphs.expanded : glyphs.collapsed) : glyphs.leaf
            var x = area.x + min(row.depth * indent, max(0, area.width - 2))
            x += buffer.write(marker + " ", column: x, row: y, width: area.right - x, style: style)
            x += buffer.write(row.node.label, column: x, row: y, width: area.right - x, style: style)
            let detail = row.isLoading ? loadingText : row.node.detail
            if !detail.isEmpty, x + 2 < area.right {
                let muted = selected ? style : buffer.palette[.muted]
                buffer.write(" " + detail, column: x, row: y, width: area.right - x, style: muted)
            }
            y += 1
        }
    }
}
