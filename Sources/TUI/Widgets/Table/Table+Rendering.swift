extension Table {
    public func render(in area: Rect, buffer: inout Buffer, state: inout TableState) {
        guard !area.isEmpty, !columns.isEmpty else { return }
        let count = source.rowCount
        state.selection.clamp(count: count)
        let visible = state.selection.scrollToSelection(height: area.height - 1, count: count)
        let values = visible.map { row in columns.indices.map { source.value(row: row, column: $0) } }
        let titles = columns.indices.map { title(of: $0, sort: state.sort, glyphs: buffer.palette.glyphs) }
        let widths = columnWidths(available: area.width, titles: titles, values: values)

        buffer.fill(area.row(0), role: .tableHeader)
        drawRow(
            titles,
            widths: widths,
            row: area.y,
            span: area.x..<area.right,
            style: buffer.palette[.tableHeader],
            buffer: &buffer
        )
        let selectionRole: Role = isFocused ? .selection : .selectionInactive
        for (offset, row) in visible.enumerated() {
            let y = area.y + 1 + offset
            let style = buffer.palette[row == state.selection.selected ? selectionRole : .normal]
            buffer.fill(Rect(x: area.x, y: y, width: area.width, height: 1), style: style)
            drawRow(values[offset], widths: widths, row: y, span: area.x..<area.right, style: style, buffer: &buffer)
        }
        if visible.count + 1 < area.height {
            buffer.fill(
                Rect(
                    x: area.x,
                    y: area.y + 1 + visible.count,
                    width: area.width,
                    height: area.height - 1 - visible.count
                ),
                role: .normal
            )
        }
    }

    // MARK: - Private

    private func title(of column: Int, sort: TableSort?, glyphs: Glyphs) -> String {
        guard let sort, sort.column == column else { return columns[column].title }
        return columns[column].title + (sort.ascending ? glyphs.sortAscending : glyphs.sortDescending)
    }

    private func drawRow(
        _ texts: [String],
        widths: [Int],
        row: Int,
        span: Range<Int>,
        style: Style,
        buffer: inout Buffer
    ) {
        var column = span.lowerBound
        for index in columns.indices where widths[index] > 0 {
            let width = min(widths[index], span.upperBound - column)
            guard width > 0 else { break }
            let text = texts[index]
            var start = column
            if columns[index].alignment != .left {
                let gap = max(0, width - DisplayWidth.of(text))
                start += columns[index].alignment == .right ? gap : gap / 2
            }
            buffer.write(text, column: start, row: row, width: width - (start - column), style: style)
            column += width + columnSpacing
        }
    }

    /// Widths per column: auto columns measured on the visible rows, fixed as given, fill columns
    /// sharing the rest; when too wide, the widest auto columns shrink first.
    func columnWidths(available: Int, titles: [String], values: [[String]]) -> [Int] {
        var widths = columns.indices.map { index -> Int in
            switch columns[index].width {
            case .fixed(let n): return max(0, n)
            case .fill(let minimum): return max(0, minimum)
            case .auto(let minimum, let maximum):
                var widest = DisplayWidth.of(titles[index])
                for row in values { widest = max(widest, DisplayWidth.of(row[index])) }
                return min(max(widest, minimum), max(minimum, maximum))
            }
        }
        let spacing = columnSpacing * max(0, columns.count - 1)
        var excess = widths.reduce(0, +) + spacing - available
        while excess > 0 {
            let autos = columns.indices.filter {
                if case .auto = columns[$0].width { widths[$0] > 1 } else { false }
            }
            guard let widest = autos.max(by: { widths[$0] < widths[$1] }) else { break }
            widths[widest] -= 1
            excess -= 1
        }
        if excess < 0 {
            let fills = columns.indices.filter { if case .fill = columns[$0].width { true } else { false } }
            var spare = -excess
            for (position, index) in fills.enumerated() {
                let share = spare / (fills.count - position)
                widths[index] += share
                spare -= share
            }
        }
        return widths
    }
}
