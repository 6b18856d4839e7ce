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
        return ListingPage(rows: rows, offset: window.offset, total: try count(connection))
    }

    /// How many rows the filtered listing holds.
    func count(_ connection: any CatalogConnection) throws -> Int {
        try connection.fetchValue(Int.self, "SELECT COUNT(*) \(source)", arguments) ?? 0
    }

    /// Where the row whose `key` (a unique column of the listing) is `value` sits in the order, from 0; nil when
    /// the filtered listing does not hold it.
    func position(of key: String, equalTo value: String, _ connection: any CatalogConnection) throws -> Int? {
        let sql = """
            SELECT ranked.n FROM
              (SELECT \(key) AS k, ROW_NUMBER() OVER (\(orderBy)) AS n \(source)) AS ranked
            WHERE ranked.k = ?
            """
        return try connection.fetchValue(Int.self, sql, arguments + [value]).map { $0 - 1 }
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
