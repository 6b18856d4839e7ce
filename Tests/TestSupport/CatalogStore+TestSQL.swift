import GRDB

@testable import Catalog

/// SQL the tests run behind the engine's back (to check what it stored, or to set a state no API sets),
/// on either catalog store (``TestCatalog``): through the catalog's own connection seam, so the statements
/// are written once, with `?` placeholders, in the SQL both engines accept.
extension CatalogStore {
    /// A statement's `?` arguments, in order (the catalog's own `CatalogArguments`).
    public typealias SQLArguments = [(any DatabaseValueConvertible)?]

    /// Runs each of `statements` (one statement each) in one write transaction.
    public func execute(_ statements: String..., arguments: SQLArguments = []) throws {
        try write { tx in
            for sql in statements { try tx.connection.execute(sql, arguments, cached: false) }
        }
    }

    /// The first column of the first row `sql` yields (nil for no row or NULL).
    public func value<Value: DatabaseValueConvertible>(
        _ type: Value.Type, _ sql: String, _ arguments: SQLArguments = []
    ) throws -> Value? {
        try read { tx in try tx.connection.fetchValue(type, sql, arguments, cached: false) }
    }

    /// The first column of each row `sql` yields.
    public func values<Value: DatabaseValueConvertible>(
        _ type: Value.Type, _ sql: String, _ arguments: SQLArguments = []
    ) throws -> [Value] {
        try read { tx in try tx.connection.fetchValues(type, sql, arguments, cached: false) }
    }

    /// The rows `sql` yields (columns read by name, without regard to case).
    public func rows(_ sql: String, _ arguments: SQLArguments = []) throws -> [Row] {
        try read { tx in try tx.connection.mapRows(sql, arguments) { $0.copy() } }
    }

    /// The records `sql` yields.
    public func records<Record: FetchableRecord>(
        _ type: Record.Type, _ sql: String, _ arguments: SQLArguments = []
    ) throws -> [Record] {
        try read { tx in try tx.connection.fetchAll(type, sql, arguments, cached: false) }
    }

    /// Edits the audit table the way an attacker with write access to the catalog would: drops the
    /// append-only triggers (PostgreSQL names a trigger's table), then runs `statements`, each with its
    /// arguments, each in a transaction of its own.
    public func tamperWithAudit(_ statements: [(sql: String, arguments: SQLArguments)]) throws {
        let table = try isPostgres ? " ON auditEvent" : ""
        for trigger in ["auditEvent_no_update", "auditEvent_no_delete"] {
            try execute("DROP TRIGGER IF EXISTS \(trigger)\(table)")
        }
        for statement in statements { try execute(statement.sql, arguments: statement.arguments) }
    }

    /// Whether the catalog is on PostgreSQL, for the few statements whose SQL differs (dropping a trigger).
    public var isPostgres: Bool {
        get throws { try read { tx in tx.connection.dialect == .postgres } }
    }
}
