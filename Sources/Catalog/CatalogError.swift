/// A catalog failure, naming the file or the record involved. Never carries patient data.
public enum CatalogError: Error, CustomStringConvertible, Sendable {
    /// SQLite reported an error opening the catalog at `path`: its result code and what it said (plain
    /// values, so no SQLite or GRDB type reaches callers through this error).
    case database(path: String, resultCode: Int32, message: String)
    /// No record of `kind` has the id `id`.
    case notFound(kind: String, id: String)
    /// Column `column` holds `value`, which is none of the values its enum knows (a catalog written by a
    /// newer MedLake, or edited by hand).
    case unknownValue(column: String, value: String)
    /// Column `column` of a row `sql` returned holds a value of kind `found` (`NULL`, `text`…), not the type
    /// the request reads. The value itself is left out: it may be patient data.
    case conversion(sql: String, column: String, found: String)
    /// A row of `table` would repeat a key that must be unique (a name, a one-per-person decision, a fixed
    /// id): the same case on both engines, from SQLite's unique or primary-key constraint and from
    /// PostgreSQL's SQLSTATE 23505. The values are left out, as in every case.
    case duplicate(table: String)
    /// The PostgreSQL catalog at `url` (no password) failed: the server's SQLSTATE, when it sent one, and
    /// its message, or why the connection failed.
    case postgres(url: String, sqlState: String?, message: String)
    /// A PostgreSQL catalog URL that cannot be used, and why.
    case badCatalogURL(url: String, reason: String)
    /// The file that should hold the PostgreSQL catalog's password cannot be used, and why.
    case badPasswordFile(path: String, reason: String)
    /// A catalog copy's source must be a SQLite catalog.
    case copySourceNotSQLite
    /// The PostgreSQL catalog at `url` (no password) holds rows (`table` has some; `lake` is the lake its
    /// `lakeIdentity` names, if any): a new lake or a copy goes only into an empty catalog, never over
    /// another lake's.
    case catalogNotEmpty(url: String, table: String, lake: String?)
    /// A copy found `table` different on the two sides (a table or column one lacks, or row counts that
    /// differ after the copy), and why; the copy was rolled back.
    case copyMismatch(table: String, reason: String)

    public var description: String {
        switch self {
        case .database(let path, _, let message):
            return "catalog \(path): \(message)"
        case .notFound(let kind, let id):
            return "no \(kind) with id \(id)"
        case .unknownValue(let column, let value):
            return "\(column) holds '\(value)', which this version of MedLake does not know"
        case .conversion(let sql, let column, let found):
            return "column \(column) holds \(found), not what the request reads (\(sql))"
        case .duplicate(let table):
            return "a \(table) row with the same unique key already exists"
        case .postgres(let url, let sqlState, let message):
            return "catalog \(url): \(message)" + (sqlState.map { " (SQLSTATE \($0))" } ?? "")
        case .badCatalogURL(let url, let reason):
            return "catalog URL \(url): \(reason)"
        case .badPasswordFile(let path, let reason):
            return "catalog password file \(path): \(reason)"
        case .copySourceNotSQLite:
            return "only a SQLite catalog can be copied"
        case .catalogNotEmpty(let url, let table, let lake):
            return "catalog \(url) is not empty (" + (lake.map { "it belongs to lake \($0)" } ?? "table \(table) holds rows")
                + "): a new lake or a copy goes only into an empty catalog"
        case .copyMismatch(let table, let reason):
            return "copy of table \(table) does not match: \(reason)"
        }
    }
}
