import TUI

/// Moving through a ``ListPane`` from a screen: keys, the `/` line changing, loads, and going back to a
/// row by id. Kept apart from the pane itself (its drawing and filtering) so screens share one set.
extension ListPane {
    /// j/k, arrows, g/G, PgUp/PgDn over the visible rows.
    mutating func navigate(_ key: Key, page: Int, filter: String) {
        table.selection.handle(key, count: count(filter: filter), page: page)
    }

    /// Keeps the selection inside the rows `filter` shows (after the `/` text changed).
    mutating func clamp(filter: String) {
        table.selection.clamp(count: count(filter: filter))
    }

    /// Applies loaded rows (keeping the selected id), or the loading or error state.
    mutating func apply(_ rows: Loadable<[ListRow]>, filter: String) {
        switch rows {
        case .loaded(let list): setRows(list, filter: filter)
        case .loading, .failed: self.rows = rows
        }
    }

    /// Puts the cursor on the row with `id` among those `filter` shows; false when it is not there.
    @discardableResult
    mutating func select(id: String, filter: String) -> Bool {
        if let window {
            guard let index = window.index(of: id) else { return false }
            table.selection.select(index, count: window.total ?? 0)
            return true
        }
        let shown = visible(filter: filter)
        guard let index = shown.firstIndex(where: { $0.id == id }) else { return false }
        table.selection.select(index, count: shown.count)
        return true
    }

    /// Moves the cursor `delta` rows among those `filter` shows; the row it lands on, nil at either end.
    mutating func step(_ delta: Int, filter: String) -> ListRow? {
        if let window {
            guard let current = table.selection.selected, let row = window.row(at: current + delta) else { return nil }
            table.selection.select(current + delta, count: window.total ?? 0)
            return row
        }
        let shown = visible(filter: filter)
        guard let current = table.selection.selected else { return nil }
        let target = current + delta
        guard shown.indices.contains(target) else { return nil }
        table.selection.select(target, count: shown.count)
        return shown[target]
    }
}
