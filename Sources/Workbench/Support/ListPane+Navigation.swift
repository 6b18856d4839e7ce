import TUI

/// Moving through a ``ListPane`` from a screen: keys, the `/` line changing, loads, and going back to a
/// row by id. Kept apart from the pane itself (its drawing and filtering) so screens share one set.
extension ListPane {
    /// j/k, arrows, g/G, PgUp/PgDn over the visible rows.
    mutating func navigate(_ key: Key, page: Int, filter: String) {
        table.selection.handle(key, count: visible(filter: filter).count, page: page)
    }

    /// Keeps the selection inside the rows `filter` shows (after the `/` text changed).
    mutating func clamp(filter: String) {
        table.selection.clamp(count: visible(filter: filter).count)
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
        let shown = visible(filter: filter)
        guard let index = shown.firstIndex(where: { $0.id == id }) else { return false }
        table.selection.select(index, count: shown.count)
        return true
    }

    /// Moves the cursor `delta` rows among those `filter` shows; the row it lands on, nil at either end.
    mutating func step(_ delta: Int, filter: String) -> ListRow? {
        let shown = visible(filter: filter)
        guard let current = table.selection.selected else { return nil }
        let target = current + delta
        guard shown.indices.contains(target) else { return nil }
        table.selection.select(target, count: shown.count)
        return shown[target]
    }
}
