import GRDB

@testable import Catalog

/// SQL the tests run behind the engine's back (to check what it stored, or to set a state no API sets),
/// on either catalog store (``TestCatalog``): through the catalog's own connection seam, so the statements
/// are written once, with `?` placeholders, in the SQL both engines accept.
extension CatalogStore {
    /// Runs each of `statements` (one statement each) in one write transaction.
    func execute(_ statements: String..., arguments: CatalogArguments = []) throws {
        try write { tx in
            for sql in statements { try tx.connection.execute(sql, arguments, cached: false) }
        }
    }

    /// The first column of the first row `sql` yields (nil for no row or NULL).
    func value<Value: DatabaseValueConvertible>(
        _ type: Value.Type, _ sql: String, _ arguments: CatalogArguments = []
    ) throws -> Value? {
        try read { tx in try tx.connection.fetchValue(type, sql, arguments, cached: false) }
    }

    /// The first column of each row `sql` yields.
    func values<Value: DatabaseValueConvertible>(
        _ type: Value.Type, _ sql: String, _ arguments: CatalogArguments = []
    ) throws -> [Value] {
        try read { tx in try tx.connection.fetchValues(type, sql, arguments, cached: false) }
    }

    /// The rows `sql` yields (columns read by name, without regard to case).
    func rows(_ sql: String, _ arguments: CatalogArguments = []) throws -> [Row] {
        try read { tx in try tx.connection.mapRows(sql, arguments) { $0.copy() } }
    }

    /// The records `sql` yields.
    func records<Record: FetchableRecord>(
        _ type: Record.Type, _ sql: String, _ arguments: CatalogArguments = []
    ) throws -> [Record] {
        try read { tx in try tx.connection.fetchAll(type, sql, arguments, cached: false) }
    }

    /// Whether the catalog is on PostgreSQL, for the few statements whose SQL differs (dropping a trigger).
    var isPostgres: Bool {
        get throws { try read { tx in tx.connection.dialect == .postgres } }
    }
}
