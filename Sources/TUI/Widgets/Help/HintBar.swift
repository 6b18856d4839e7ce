/// One row of `key help` pairs generated from the active ``Keymap`` (``Keymap/hints``); pairs that
/// do not fit are dropped whole, never cut.
///
/// Pinned hints (``Hint/isPinned``, e.g. `? help` and `q quit`) are kept at any width: room for them
/// is reserved first and the other hints fill what is left in order, so a narrow terminal loses
/// screen-specific hints before the two a newcomer needs. Hints keep their keymap order.
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
        for hint in shown(width: row.width - 1) {
            x += buffer.write(hint.keys, column: x, row: row.y, role: .hintKey)
            x += 1
            x += buffer.write(hint.help, column: x, row: row.y, role: .hintLabel)
            x += 2
        }
    }

    /// The hints that fit in `width` cells: every pinned one that fits, then unpinned ones in order
    /// while the rest of the pinned ones still fit after them.
    func shown(width: Int) -> [Hint] {
        let widths = hints.map { DisplayWidth.of($0.keys) + 1 + DisplayWidth.of($0.help) + 2 }
        var pinnedLeft = 0
        var keptPinned = Set<Int>()
        for index in hints.indices where hints[index].isPinned && pinnedLeft + widths[index] - 2 <= width {
            pinnedLeft += widths[index]
            keptPinned.insert(index)
        }
        var used = 0
        var shown: [Hint] = []
        for index in hints.indices {
            if keptPinned.contains(index) {
                pinnedLeft -= widths[index]
                used += widths[index]
                shown.append(hints[index])
            } else if !hints[index].isPinned, used + widths[index] + pinnedLeft - 2 <= width {
                used += widths[index]
                shown.append(hints[index])
            }
        }
        return shown
    }
}
