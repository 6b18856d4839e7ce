/// A scrolling list of one-line items with a selection (``ListState``).
public struct ListView: StatefulWidget {
    /// Untrusted text is fine: it is sanitized when drawn.
    public var items: [String]
    /// The role of each unselected item (a failed check drawn with `.error`); items past its end are
    /// `.normal`.
    public var roles: [Role]
    public var isFocused: Bool

    public init(items: [String], roles: [Role] = [], isFocused: Bool = true) {
        self.items = items
        self.roles = roles
        self.isFocused = isFocused
    }

    public func render(in area: Rect, buffer: inout Buffer, state: inout ListState) {
        guard !area.isEmpty else { return }
        buffer.fill(area, role: .normal)
        state.selection.clamp(count: items.count)
        let visible = state.selection.scrollToSelection(height: area.height, count: items.count)
        let marker = buffer.palette.glyphs.selectionMarker
        for (offset, index) in visible.enumerated() {
            let selected = index == state.selection.selected
            let role = roles.indices.contains(index) ? roles[index] : .normal
            let style = buffer.palette[selected ? (isFocused ? .selection : .selectionInactive) : role]
            let row = area.row(offset)
            buffer.fill(row, style: style)
            buffer.write(selected ? marker : " ", column: row.x, row: row.y, width: 1, style: style)
            buffer.write(items[index], column: row.x + 1, row: row.y, width: row.width - 1, style: style)
        }
    }
}

/// The selection and scroll position of a ``ListView``.
public struct ListState: Sendable, Hashable {
    public var selection: ScrollSelection

    public init(selection: ScrollSelection = ScrollSelection()) {
        self.selection = selection
    }
}
