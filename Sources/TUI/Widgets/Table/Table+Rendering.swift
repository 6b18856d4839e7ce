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
        if isFocused, let first = visible.first {
            buffer.tableHits.append(TableRowHit(
                area: Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - 1),
                firstRow: first, count: visible.count))
        }
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
            let text = columns[index].truncation == .middle
                ? DisplayWidth.truncateMiddle(texts[index], to: width, ellipsis: buffer.palette.glyphs.ellipsis)
                : texts[index]
            var start = column
            if columns[index].alignment != .left {
                let gap = max(0, width - DisplayWidth.of(text))
                start += columns[index].alignment == .right ? gap : gap / 2
            }
            buffer.write(text, column: start, row: row, width: width - (start - column), style: style)
            column += width + columnSpacing
        }
    }

    /// Widths per column, from the header and the visible rows.
    ///
    /// A column whose visible cells are all empty gets no width at all (its header goes too), so the
    /// room goes to columns with something to show. Each other column wants its natural width (the
    /// widest cell or its title, auto columns within their `min...max`, fixed ones exactly `n`).
    /// When everything fits, fill columns share what is left over. When not, the columns share the
    /// room fairly: a column narrower than an equal share keeps its natural width, and the columns
    /// wider than that split the rest equally (max-min fairness), so short columns such as a
    /// modality or a count are never cut to make room for a long description.
    func columnWidths(available: Int, titles: [String], values: [[String]]) -> [Int] {
        let natural = columns.indices.map { index -> Int in
            let hasContent = values.isEmpty || values.contains { !$0[index].isEmpty }
            switch columns[index].width {
            case .fixed(let n): return max(0, n)
            case .fill(let minimum):
                guard hasContent else { return 0 }
                return max(minimum, widest(index, titles: titles, values: values))
            case .auto(let minimum, let maximum):
                guard hasContent else { return 0 }
                return min(max(widest(index, titles: titles, values: values), minimum), max(minimum, maximum))
            }
        }
        let shown = natural.filter { $0 > 0 }.count
        let budget = max(0, available - columnSpacing * max(0, shown - 1))
        var widths = natural
        let total = natural.reduce(0, +)
        if total <= budget {
            let fills = columns.indices.filter {
                if case .fill = columns[$0].width { natural[$0] > 0 } else { false }
            }
            var spare = budget - total
            for (position, index) in fills.enumerated() {
                let share = spare / (fills.count - position)
                widths[index] += share
                spare -= share
            }
            return widths
        }
        let flexible = columns.indices.filter {
            if case .fixed = columns[$0].width { false } else { natural[$0] > 0 }
        }
        let fixedTotal = columns.indices.filter { !flexible.contains($0) }.reduce(0) { $0 + natural[$1] }
        var remaining = max(0, budget - fixedTotal)
        for (position, index) in flexible.sorted(by: { natural[$0] < natural[$1] }).enumerated() {
            let share = remaining / (flexible.count - position)
            widths[index] = min(natural[index], share)
            remaining -= widths[index]
        }
        return widths
    }

    private func widest(_ column: Int, titles: [String], values: [[String]]) -> Int {
        var widest = DisplayWidth.of(titles[column])
        for row in values { widest = max(widest, DisplayWidth.of(row[column])) }
        return widest
    }
}
