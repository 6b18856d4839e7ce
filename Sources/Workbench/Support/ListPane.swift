import TUI

/// One row of a workbench list: an id to act on and its cells (untrusted text, sanitized when drawn).
public struct ListRow: Sendable, Hashable {
    var id: String
    var cells: [String]
    /// The dataset the row belongs to, for drilling in.
    var dataset: String = ""
}

/// A filterable table of ``ListRow``s with its selection: the list every screen is built around.
struct ListPane: Sendable {
    var columns: [TableColumn]
    var rows: Loadable<[ListRow]> = .loading
    var table = TableState()

    init(_ columns: [TableColumn]) {
        self.columns = columns
    }

    /// Rows whose cells contain `filter` (case-insensitive), in order.
    func visible(filter: String) -> [ListRow] {
        let all = rows.value ?? []
        guard !filter.isEmpty else { return all }
        return all.filter { row in row.cells.contains { $0.localizedCaseInsensitiveContains(filter) } }
    }

    /// The selected row under `filter`.
    func selected(filter: String) -> ListRow? {
        let rows = visible(filter: filter)
        guard let index = table.selection.selected, index < rows.count else { return nil }
        return rows[index]
    }

    /// Replaces the rows, keeping the selected id selected when it is still there.
    mutating func setRows(_ newRows: [ListRow], filter: String) {
        let keep = selected(filter: filter)?.id
        rows = .loaded(newRows)
        let shown = visible(filter: filter)
        if let keep, let index = shown.firstIndex(where: { $0.id == keep }) {
            table.selection.select(index, count: shown.count)
        } else {
            table.selection.clamp(count: shown.count)
        }
    }

    /// Draws the table, or its loading, empty or error state.
    func render(in area: Rect, buffer: inout Buffer, filter: String, focused: Bool, empty: String,
                state: inout TableState) {
        switch rows {
        case .loading:
            buffer.write("loading…", column: area.x + 1, row: area.y, width: area.width - 1, role: .muted)
        case .failed(let message):
            buffer.write("error: " + message, column: area.x + 1, row: area.y, width: area.width - 1, role: .error)
        case .loaded:
            let shown = visible(filter: filter)
            if shown.isEmpty {
                buffer.write(filter.isEmpty ? empty : "nothing matches /" + filter, column: area.x + 1, row: area.y,
                             width: area.width - 1, role: .muted)
                return
            }
            Table(columns: columns, source: TableRows(shown.map(\.cells)), isFocused: focused)
                .render(in: area, buffer: &buffer, state: &state)
        }
    }
}
