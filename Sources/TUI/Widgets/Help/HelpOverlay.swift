/// The `?` help: every binding of the active ``Keymap`` by section, in a bordered box centred over
/// the screen. Sections flow into as many columns as the width allows.
public struct HelpOverlay: Widget, Sendable {
    public var title: String
    public var sections: [HelpSection]

    public init(title: String = "Help", sections: [HelpSection]) {
        self.title = title
        self.sections = sections
    }

    public func render(in area: Rect, buffer: inout Buffer) {
        let keyWidth = sections.flatMap(\.hints).map { DisplayWidth.of($0.keys) }.max() ?? 0
        let helpWidth = sections.flatMap(\.hints).map { DisplayWidth.of($0.help) }.max() ?? 0
        let titleWidth = sections.map { DisplayWidth.of($0.title) }.max() ?? 0
        let columnWidth = max(keyWidth + 2 + helpWidth, titleWidth)
        let lines = sections.map { $0.hints.count + 2 }
        let usableWidth = max(1, area.width - 4)
        let columnCount = max(1, min(sections.count, (usableWidth + 3) / (columnWidth + 3)))
        // Greedy fill: sections go into the shortest column so far.
        var heights = Array(repeating: 0, count: columnCount)
        var placement: [(column: Int, top: Int)] = []
        for height in lines {
            let column = heights.indices.min { heights[$0] < heights[$1] } ?? 0
            placement.append((column, heights[column]))
            heights[column] += height
        }
        let innerHeight = max(1, (heights.max() ?? 1) - 1)
        let box = area.centered(width: columnCount * (columnWidth + 3) + 1, height: innerHeight + 2)
        let block = Block(title: title, isFocused: true, fillRole: .dialog)
        block.render(in: box, buffer: &buffer)
        let inner = block.inner(box)
        for (index, section) in sections.enumerated() {
            let x = inner.x + 1 + placement[index].column * (columnWidth + 3)
            var y = inner.y + placement[index].top
            guard x < inner.right else { continue }
            let width = inner.right - x
            if y < inner.bottom { buffer.write(section.title, column: x, row: y, width: width, role: .title) }
            y += 1
            for hint in section.hints where y < inner.bottom {
                buffer.write(hint.keys, column: x, row: y, width: min(keyWidth, width), role: .hintKey)
                if keyWidth + 2 < width {
                    buffer.write(
                        hint.help,
                        column: x + keyWidth + 2,
                        row: y,
                        width: width - keyWidth - 2,
                        role: .dialog
                    )
                }
                y += 1
            }
        }
    }
}
