import Foundation

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

    /// The clause ending a `SELECT` that claims rows inside a write transaction: PostgreSQL locks the rows it
    /// returns and passes over rows another transaction holds (`FOR UPDATE SKIP LOCKED`), so claimers on
    /// several hosts never take the same row and never wait on each other; SQLite needs nothing, because its
    /// write transaction already holds the whole database. Never in a read transaction: PostgreSQL rejects a
    /// row lock there.
    var claimingRows: String {
        switch self {
        case .sqlite: ""
        case .postgres: " FOR UPDATE SKIP LOCKED"
        }
    }

    /// "Now" on the clock leases are kept by, in milliseconds since 1970, as SQL with the arguments it binds.
    ///
    /// SQLite binds `now`, this process's clock, as before: every process of an SQLite catalog runs on its
    /// host. PostgreSQL reads the server's clock, so workers on several hosts compare and extend leases by one
    /// clock whatever their own drift. It is `statement_timestamp()`, not `now()`: `now()` is the start of the
    /// transaction, which may have waited for the write lock, so a lease would begin partly spent.
    func leaseClock(_ now: Date) -> (sql: String, arguments: CatalogArguments) {
        switch self {
        case .sqlite: ("?", [Int64(now.timeIntervalSince1970 * 1000)])
        case .postgres: ("CAST(floor(extract(epoch FROM statement_timestamp()) * 1000) AS BIGINT)", [])
        }
    }

    /// `expression` matching the GLOB pattern `pattern` as SQLite's `GLOB` does (case-sensitive, `*` any run,
    /// `?` one character, `[…]` a class, `[^…]` its complement; `[*]`, `[?]` and `[[]` stand for themselves),
    /// as SQL with the one argument it binds.
    ///
    /// SQLite runs its own `GLOB` unchanged. PostgreSQL has no `GLOB`, and its `LIKE` has no classes, so the
    /// pattern becomes an anchored POSIX regular expression for `~`, every other character escaped: a `%`, `_`,
    /// `.` or `\` in the pattern matches only itself. Text columns use `COLLATE "C"`, so class ranges go by
    /// code point as on SQLite. A `[` never closed matches nothing, on SQLite as on PostgreSQL.
    func glob(_ expression: String, _ pattern: String) -> (sql: String, argument: String) {
        switch self {
        case .sqlite: ("\(expression) GLOB ?", pattern)
        case .postgres: ("\(expression) ~ ?", Self.regularExpression(glob: pattern))
        }
    }

    /// The anchored POSIX regular expression (PostgreSQL's advanced syntax) matching what `glob` matches.
    static func regularExpression(glob: String) -> String {
        let special: Set<Unicode.Scalar> = ["\\", ".", "^", "$", "|", "(", ")", "[", "]", "{", "}", "*", "+", "?"]
        var regex = "^"
        // Code points, not characters: GLOB's `?` is one code point, and a combining mark after `[` must not
        // hide the bracket.
        var characters = glob.unicodeScalars[...]
        while let character = characters.popFirst() {
            switch character {
            case "*": regex += ".*"
            case "?": regex += "."
            case "[":
                regex += "["
                if characters.first == "^" {
                    regex += "^"
                    characters.removeFirst()
                }
                // A `]` right after the opening (or its `^`) is a member, as in SQLite's GLOB.
                var first = true
                var closed = false
                while let member = characters.popFirst() {
                    if member == "]" && !first {
                        closed = true
                        break
                    }
                    first = false
                    // Inside a bracket expression only `\`, `[` and `]` mean more than themselves (`[:`, `[.`).
                    regex += ["\\", "[", "]"].contains(member) ? "\\\(member)" : String(Character(member))
                }
                // An unclosed class matches nothing in SQLite's GLOB; `$.` (a character after the end) neither.
                guard closed else { return "$." }
                regex += "]"
            default: regex += special.contains(character) ? "\\\(character)" : String(Character(character))
            }
        }
        return regex + "$"
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
