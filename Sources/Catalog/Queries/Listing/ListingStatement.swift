import GRDB

/// A listing as SQL: its `FROM … WHERE …` with the arguments, and its total order, run as one page, as a
/// count, or as the position of one row.
///
/// The requests of `Queries/` build one and let it write the three statements, so the page, its total and a
/// row's position always agree on the filter and the order.
struct ListingStatement {
    /// One key of the order.
    struct OrderTerm {
        var expression: String
        /// Where NULLs go: first ascending (SQLite's order; PostgreSQL's default is last), so last descending.
        var nullable = false
    }

    /// `FROM … WHERE …`, without `ORDER BY`.
    private(set) var source: String
    private(set) var arguments: CatalogArguments
    var order: [OrderTerm]
    var descending: Bool

    init(_ source: String, _ arguments: CatalogArguments, order: [OrderTerm], descending: Bool) {
        self.source = source
        self.arguments = arguments
        self.order = order
        self.descending = descending
    }

    /// Adds `condition` (with its `?` arguments) to the `WHERE` clause.
    mutating func filter(_ condition: String, _ values: CatalogArguments = []) {
        source += " AND " + condition
        arguments += values
    }

    /// A text column of rows related to each listed row (a study's series' modalities), for ``match(_:in:dialect:related:)``.
    struct RelatedColumn {
        /// The related table with its alias: `series m`.
        var table: String
        /// The condition tying it to the listed row: `m.studyId = t.id`.
        var link: String
        /// The column matched: `m.modality`.
        var column: String
    }

    /// Keeps the rows where one of `columns` (SQL expressions; NULL never matches) or of the `related` rows'
    /// columns holds `text`, ignoring ASCII case; `%`, `_` and `\` in `text` match themselves. Nothing happens
    /// for nil or empty text.
    mutating func match(_ text: String?, in columns: [String], dialect: CatalogDialect, related: [RelatedColumn] = []) {
        guard let text, !text.isEmpty else { return }
        let pattern = "%" + Self.escapedForLike(text) + "%"
        let like = dialect.caseInsensitiveLike + " ? ESCAPE '\\'"
        let tests = columns.map { "\($0) \(like)" }
            + related.map { "EXISTS (SELECT 1 FROM \($0.table) WHERE \($0.link) AND \($0.column) \(like))" }
        filter("(" + tests.joined(separator: " OR ") + ")", Array(repeating: pattern, count: tests.count))
    }

    /// `ORDER BY …` for the order, each key reversed when descending.
    var orderBy: String {
        "ORDER BY "
            + order.map { term in
                let direction = descending ? " DESC" : ""
                let nulls = term.nullable ? (descending ? " NULLS LAST" : " NULLS FIRST") : ""
                return term.expression + direction + nulls
            }.joined(separator: ", ")
    }

    /// The rows of `window`'s slice, selecting `columns` (over the source's tables), with the total.
    func page<Row: FetchableRecord & Sendable>(
        _ type: Row.Type, selecting columns: String, _ window: ListingWindow<some Sendable & Hashable>,
        _ connection: any CatalogConnection
    ) throws -> ListingPage<Row> {
        let rows = try connection.fetchAll(
            type, "SELECT \(columns) \(source) \(orderBy) LIMIT ? OFFSET ?", arguments + [window.limit, window.offset])
        return ListingPage(rows: rows, offset: window.offset, total: try total(of: rows.count, in: window, connection))
    }

    /// The rows of `window`'s slice, selecting `columns` (over the source's tables, such as a related row's
    /// value or a count) for the slice's rows only: the slice is cut first as the `key`s (a unique column of
    /// the listing) of its rows, so a deep page does not work out `columns` for every row it skips, as
    /// PostgreSQL does for a plain `SELECT … OFFSET`.
    func page<Row: FetchableRecord & Sendable>(
        _ type: Row.Type, selecting columns: String, keyedBy key: String,
        _ window: ListingWindow<some Sendable & Hashable>, _ connection: any CatalogConnection
    ) throws -> ListingPage<Row> {
        let sql = """
            SELECT \(columns) \(source) AND \(key) IN (SELECT \(key) \(source) \(orderBy) LIMIT ? OFFSET ?)
            \(orderBy)
            """
        let rows = try connection.fetchAll(type, sql, arguments + arguments + [window.limit, window.offset])
        return ListingPage(rows: rows, offset: window.offset, total: try total(of: rows.count, in: window, connection))
    }

    /// The total of the filtered listing whose `window` slice held `rows` rows. A slice shorter than the
    /// window that starts inside the listing is its end, so the total is known without counting: a filter
    /// keeping a few rows, or the last page, costs no second pass over every row the filter looks at. Nor
    /// does a window that brings the total along (``ListingWindow/knownTotal``), unless its slice runs past it.
    func total(
        of rows: Int, in window: ListingWindow<some Sendable & Hashable>, _ connection: any CatalogConnection
    ) throws -> Int {
        if rows < window.limit, rows > 0 || window.offset == 0 { return window.offset + rows }
        if let known = window.knownTotal, known >= window.offset + rows, rows > 0 { return known }
        return try count(connection)
    }

    /// How many rows the filtered listing holds.
    func count(_ connection: any CatalogConnection) throws -> Int {
        try connection.fetchValue(Int.self, "SELECT COUNT(*) \(source)", arguments) ?? 0
    }

    /// Where the row meeting `condition` (with its `?` arguments; one row of the listing at most) sits in the
    /// order, from 0; nil when the filtered listing does not hold it.
    ///
    /// Counted as the rows that come before it (their keys compared with its keys, the order's NULL
    /// placement and direction kept), not by numbering every row of the listing: a count the engine answers
    /// from an index when the order has one. `condition` names the row by its id through the index of the
    /// column looked up (`s.id IN (SELECT x.id FROM series x WHERE x.seriesInstanceUID = ?)`): SQLite, without
    /// statistics, would otherwise walk the listing's own index to find it.
    func position(
        where condition: String, _ values: CatalogArguments, _ connection: any CatalogConnection
    ) throws -> Int? {
        let keys = order.indices.map { "\(order[$0].expression) AS k\($0)" }.joined(separator: ", ")
        let sql = """
            WITH target AS (SELECT \(keys) \(source) AND \(condition))
            SELECT CASE WHEN EXISTS (SELECT 1 FROM target)
              THEN (SELECT COUNT(*) \(source) AND \(before(from: 0))) END
            """
        return try connection.fetchValue(Int.self, sql, arguments + values + arguments)
    }

    /// The condition that a row comes before the target's keys from the `index`th order term on: it comes
    /// before on this term, or ties on it and comes before on the rest.
    private func before(from index: Int) -> String {
        let term = order[index]
        let target = "(SELECT k\(index) FROM target)"
        let comparison = descending ? ">" : "<"
        // NULLs come first ascending, so last descending: a NULL key comes before a value ascending only.
        var earlier = "\(term.expression) \(comparison) \(target)"
        var tie = "\(term.expression) = \(target)"
        if term.nullable {
            earlier +=
                descending
                ? " OR (\(term.expression) IS NOT NULL AND \(target) IS NULL)"
                : " OR (\(term.expression) IS NULL AND \(target) IS NOT NULL)"
            tie += " OR (\(term.expression) IS NULL AND \(target) IS NULL)"
        }
        guard index + 1 < order.count else { return "(\(earlier))" }
        return "((\(earlier)) OR ((\(tie)) AND \(before(from: index + 1))))"
    }

    /// `text` with `\`, `%` and `_` escaped for a `LIKE … ESCAPE '\'` pattern.
    static func escapedForLike(_ text: String) -> String {
        var escaped = ""
        for character in text {
            if character == "\\" || character == "%" || character == "_" { escaped.append("\\") }
            escaped.append(character)
        }
        return escaped
    }
}
