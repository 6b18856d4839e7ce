/// What a ``Table`` remembers between frames: selection, scroll position and the sort the user chose.
public struct TableState: Sendable, Hashable {
    public var selection: ScrollSelection
    public var sort: TableSort?

    public init(selection: ScrollSelection = ScrollSelection(), sort: TableSort? = nil) {
        self.selection = selection
        self.sort = sort
    }

    /// Sorts by `column`; choosing the sorted column again flips the direction.
    public mutating func toggleSort(column: Int) {
        if let sort, sort.column == column {
            self.sort = TableSort(column: column, ascending: !sort.ascending)
        } else {
            sort = TableSort(column: column)
        }
    }

    /// Sorts by the next of `columnCount` columns, ascending: unsorted → first column → … → last
    /// column → unsorted again. One key walks every column except those in `skipping` (columns the
    /// table hides because they are empty: sorting by one would change nothing on screen).
    public mutating func cycleSort(columnCount: Int, skipping: Set<Int> = []) {
        var next = sort.map { $0.column + 1 } ?? 0
        while next < columnCount, skipping.contains(next) { next += 1 }
        sort = next < columnCount ? TableSort(column: next) : nil
    }

    /// Flips the direction of the current sort (unsorted: the first column, descending).
    public mutating func reverseSort() {
        sort = sort.map { TableSort(column: $0.column, ascending: !$0.ascending) } ?? TableSort(column: 0, ascending: false)
    }

    /// "row/total" for a title or status line, e.g. `12/1000000`.
    public func position(rowCount: Int) -> String {
        guard let selected = selection.selected, rowCount > 0 else { return "0/0" }
        return "\(selected + 1)/\(rowCount)"
    }
}
