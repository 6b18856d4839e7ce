/// The engine a ``CatalogConnection`` speaks to, and the SQL fragments where SQLite and PostgreSQL differ.
///
/// Seam SQL is otherwise common to both: `?` placeholders (PostgreSQL's connection numbers them), `COALESCE`,
/// `INSERT … ON CONFLICT … DO NOTHING` and `DO UPDATE` (SQLite has both since 3.24), `RETURNING` (3.35), and
/// `true`/`false`. Only what has no common spelling is here, so a request reads as one statement.
enum CatalogDialect: Sendable, Hashable {
    case sqlite
    case postgres

    /// An aggregate joining the non-NULL values of `expression` with `separator` (a literal without quotes),
    /// in the order of `orderedBy`. SQLite before 3.44 has no `ORDER BY` inside an aggregate: there it joins
    /// in the order the rows arrive, so the statement must feed it from a subquery sorted the same way.
    func groupConcat(_ expression: String, separator: String, orderedBy order: String) -> String {
        switch self {
        case .sqlite: "GROUP_CONCAT(\(expression), '\(separator)')"
        case .postgres: "string_agg(\(expression), '\(separator)' ORDER BY \(order))"
        }
    }

    /// The operator matching a `LIKE` pattern without regard to ASCII case, as SQLite's `LIKE` does.
    var caseInsensitiveLike: String {
        switch self {
        case .sqlite: "LIKE"
        case .postgres: "ILIKE"
        }
    }

    /// Quotes an identifier so it names what the same identifier unquoted names: PostgreSQL folds unquoted
    /// names to lower case, so its quoted form is the lower-cased name. For SQL built from coding keys.
    func quoted(_ identifier: String) -> String {
        switch self {
        case .sqlite: "\"\(identifier)\""
        case .postgres: "\"\(identifier.lowercased())\""
        }
    }
}
