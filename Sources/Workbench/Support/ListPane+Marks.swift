import TUI

extension ListPane {
    /// This pane with `✓ ` before the first cell of each row in `marks`, for drawing (the rows are
    /// copied only when something is marked).
    func marking(_ marks: Set<String>?) -> ListPane {
        guard let marks, !marks.isEmpty, let rows = rows.value else { return self }
        var copy = self
        copy.rows = .loaded(rows.map { row in
            guard marks.contains(row.id), !row.cells.isEmpty else { return row }
            var marked = row
            marked.cells[0] = "✓ " + marked.cells[0]
            return marked
        })
        return copy
    }
}
