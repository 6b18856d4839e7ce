/// Rows for a ``Table``, fetched by index: the table asks only for the rows on screen, so a source
/// of a million rows costs what one of a hundred does.
///
/// Rows are in display order; sorting is the source's job (``TableRows`` sorts in memory, a catalog
/// query sorts with `ORDER BY`). Values are untrusted text; the table sanitizes them.
public protocol TableSource {
    var rowCount: Int { get }
    func value(row: Int, column: Int) -> String
}

/// Which column a table is sorted by, and which way.
public struct TableSort: Sendable, Hashable {
    public var column: Int
    public var ascending: Bool

    public init(column: Int, ascending: Bool = true) {
        self.column = column
        self.ascending = ascending
    }
}
