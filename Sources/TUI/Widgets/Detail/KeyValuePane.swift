/// Label–value pairs with the values aligned in one column, for the detail pane of a record.
///
/// Labels take the width of the widest (capped at half the area); long values are cut with an
/// ellipsis, never wrapped, so one row is one field.
public struct KeyValuePane: StatefulWidget {
    /// Pairs of untrusted text (sanitized when drawn).
    public var pairs: [(key: String, value: String)]

    public init(_ pairs: [(key: String, value: String)]) {
        self.pairs = pairs
    }

    public func render(in area: Rect, buffer: inout Buffer, state: inout ScrollSelection) {
        guard !area.isEmpty else { return }
        buffer.fill(area, role: .normal)
        let keyWidth = min(pairs.map { DisplayWidth.of($0.key) }.max() ?? 0, max(1, area.width / 2))
        state.clamp(count: pairs.count)
        let visible = state.scrollToSelection(height: area.height, count: pairs.count)
        for (offset, index) in visible.enumerated() {
            let y = area.y + offset
            buffer.write(pairs[index].key, column: area.x, row: y, width: keyWidth, role: .muted)
            let valueX = area.x + keyWidth + 2
            guard valueX < area.right else { continue }
            buffer.write(pairs[index].value, column: valueX, row: y, width: area.right - valueX, role: .normal)
        }
    }
}
