import Foundation

/// An in-memory ``TableSource`` that sorts by any column without moving the rows: it keeps a
/// permutation, so a re-sort costs one sort of indexes and no copies of the rows.
public struct TableRows: TableSource, Sendable {
    public private(set) var rows: [[String]]
    private var order: [Int]
    /// The current sort, if any.
    public private(set) var sort: TableSort?

    public init(_ rows: [[String]]) {
        self.rows = rows
        order = Array(rows.indices)
    }

    public var rowCount: Int { order.count }

    public func value(row: Int, column: Int) -> String {
        guard row >= 0, row < order.count else { return "" }
        let cells = rows[order[row]]
        return column >= 0 && column < cells.count ? cells[column] : ""
    }

    /// Sorts by `sort` (nil: insertion order). Numbers inside values compare numerically
    /// ("file2" < "file10"); ties keep insertion order.
    public mutating func sort(by sort: TableSort?) {
        self.sort = sort
        order = Array(rows.indices)
        guard let sort else { return }
        let rows = self.rows
        let key: (Int) -> String = { index in
            sort.column < rows[index].count ? rows[index][sort.column] : ""
        }
        order.sort { lhs, rhs in
            let comparison = key(lhs).compare(key(rhs), options: [.numeric, .caseInsensitive])
            if comparison == .orderedSame { return lhs < rhs }
            return (comparison == .orderedAscending) == sort.ascending
        }
    }
}
