import GRDB
import Logging
import NIOCore
import PostgresNIO

/// The PostgreSQL side of the seam: one server connection inside one transaction of a ``PostgresCatalogPool``.
///
/// Each call is one round trip, blocking its caller (`EventLoopFuture.wait()`): the catalog's requests are
/// synchronous, and the pool runs them on threads of their own, never on an event loop (NIO traps a wait
/// there) or Swift's cooperative pool (``CatalogStore``'s async forms hop to a `NIOThreadPool` first).
/// Placeholders are numbered once per statement text (``PostgresPlaceholders``, cached by the pool).
///
/// - warning: **Not thread-safe**: valid only inside the transaction that created it, on its thread.
final class PostgresCatalogConnection: CatalogConnection {
    let server: PostgresConnection
    let pool: PostgresCatalogPool
    private var commitHooks: [@Sendable () -> Void] = []

    init(server: PostgresConnection, pool: PostgresCatalogPool) {
        self.server = server
        self.pool = pool
    }

    var dialect: CatalogDialect { .postgres }

    /// Where the catalog this connection writes lives.
    var location: PostgresCatalogLocation { pool.location }

    /// Runs `sql` with `arguments` and waits for every row.
    func run(_ sql: String, _ arguments: CatalogArguments) throws -> PostgresQueryResult {
        let query = PostgresQuery(unsafeSQL: pool.numbered(sql), binds: PostgresValues.bindings(arguments))
        do {
            return try server.query(query, logger: pool.logger).wait()
        } catch {
            throw pool.catalogError(error)
        }
    }

    @discardableResult
    func execute(_ sql: String, _ arguments: CatalogArguments, cached: Bool) throws -> Int {
        try run(sql, arguments).metadata.rows ?? 0
    }

    /// The rows arrive whole (one round trip), then `body` sees them one by one.
    func visitRows(_ sql: String, _ arguments: CatalogArguments, cached: Bool, _ body: (Row) throws -> Bool) throws {
        for row in try run(sql, arguments).rows {
            guard try body(PostgresValues.row(row, sql: sql)) else { return }
        }
    }

    func fetchAll<Record: FetchableRecord>(
        _ type: Record.Type, _ sql: String, _ arguments: CatalogArguments, cached: Bool
    ) throws -> [Record] {
        try run(sql, arguments).rows.map { try Record(row: PostgresValues.row($0, sql: sql)) }
    }

    func fetchValues<Value: DatabaseValueConvertible>(
        _ type: Value.Type, _ sql: String, _ arguments: CatalogArguments, cached: Bool
    ) throws -> [Value] {
        try run(sql, arguments).rows.map { try Self.firstColumn(of: PostgresValues.row($0, sql: sql), as: type, sql: sql) }
    }

    func fetchValue<Value: DatabaseValueConvertible>(
        _ type: Value.Type, _ sql: String, _ arguments: CatalogArguments, cached: Bool
    ) throws -> Value? {
        guard let first = try run(sql, arguments).rows.first else { return nil }
        let row = try PostgresValues.row(first, sql: sql)
        return row.hasNull(atIndex: 0) ? nil : try Self.firstColumn(of: row, as: type, sql: sql)
    }

    // MARK: - Records

    /// `INSERT … RETURNING *` from the encoded columns, leaving out a NULL primary key (the identity column
    /// assigns it); the returned row replaces `record`, which sets its id.
    func insert<Record: MutablePersistableRecord & FetchableRecord>(_ record: inout Record) throws {
        let table = Record.databaseTableName
        let keys = Set(try pool.primaryKey(of: table, on: self))
        let columns = try record.databaseDictionary.filter { !($0.value.isNull && keys.contains($0.key.lowercased())) }
        let names = columns.keys.map(dialect.quoted).joined(separator: ", ")
        let sql = columns.isEmpty
            ? "INSERT INTO \(table) DEFAULT VALUES RETURNING *"
            : "INSERT INTO \(table) (\(names)) VALUES (\(Array(repeating: "?", count: columns.count).joined(separator: ", "))) RETURNING *"
        guard let row = try run(sql, Array(columns.values)).rows.first else {
            throw CatalogError.notFound(kind: table, id: "the row just inserted")
        }
        record = try Record(row: PostgresValues.row(row, sql: sql))
    }

    func update<Record: MutablePersistableRecord>(_ record: Record) throws {
        let table = Record.databaseTableName
        let (key, values) = try keyAndValues(of: record)
        let assigned = values.filter { !key.keys.contains($0.key.lowercased()) }
        guard !assigned.isEmpty else { return }
        let sql = "UPDATE \(table) SET \(assigned.keys.map { "\(dialect.quoted($0)) = ?" }.joined(separator: ", "))"
            + " WHERE " + key.keys.map { "\(dialect.quoted($0)) = ?" }.joined(separator: " AND ")
        let arguments: CatalogArguments = Array(assigned.values) + Array(key.values)
        guard try execute(sql, arguments, cached: false) > 0 else {
            throw CatalogError.notFound(kind: table, id: key.values.map(\.description).joined(separator: ","))
        }
    }

    func delete<Record: MutablePersistableRecord>(_ record: Record) throws -> Bool {
        let (key, _) = try keyAndValues(of: record)
        let sql = "DELETE FROM \(Record.databaseTableName) WHERE "
            + key.keys.map { "\(dialect.quoted($0)) = ?" }.joined(separator: " AND ")
        return try execute(sql, Array(key.values), cached: false) > 0
    }

    /// The record's primary-key values (by lower-cased column name) and all its encoded columns.
    private func keyAndValues<Record: MutablePersistableRecord>(
        of record: Record
    ) throws -> (key: [String: DatabaseValue], values: [String: DatabaseValue]) {
        let values = try record.databaseDictionary
        let lowered = Dictionary(values.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { first, _ in first })
        var key: [String: DatabaseValue] = [:]
        for column in try pool.primaryKey(of: Record.databaseTableName, on: self) {
            key[column] = lowered[column] ?? .null
        }
        return (key, values)
    }

    // MARK: - Commit

    func afterCommit(_ body: @escaping @Sendable () -> Void) {
        commitHooks.append(body)
    }

    /// Runs the hooks registered during the transaction, once it has committed.
    func runCommitHooks() {
        let hooks = commitHooks
        commitHooks = []
        for hook in hooks { hook() }
    }
}
