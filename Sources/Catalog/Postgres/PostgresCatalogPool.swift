import Foundation
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO

/// The PostgreSQL catalog's connections and transactions: the engine behind a ``CatalogStore`` opened with
/// ``CatalogStore/init(postgres:password:logger:)``.
///
/// A transaction takes an idle connection (or opens one) for its whole closure, so a request is one round
/// trip on a connection nothing else uses meanwhile. Reads run `REPEATABLE READ READ ONLY`: one committed
/// snapshot, no writes, as on SQLite. Writes run `READ COMMITTED` under one transaction-scoped advisory lock
/// (``writeLock``): writers are serialized across processes and hosts exactly as SQLite's `BEGIN IMMEDIATE`
/// serializes them, so every request keeps the meaning it has on SQLite (the audit chain's append reads its
/// tail and links to it). Job and item claims already take their rows `FOR UPDATE SKIP LOCKED`
/// (``CatalogDialect/claimingRows``), so they stay correct once writes are locked more narrowly (the audit
/// lock alone, issue #17 item 3). A writer waits for the lock up to ``CatalogStore/busyTimeout``, then fails with
/// SQLSTATE 55P03, which ``CatalogStore/cannotWrite(_:)`` recognizes.
///
/// A write transaction that changed anything announces itself at commit: `pg_notify` on ``changeChannel``
/// with the schema as payload, queued inside the transaction, so the server delivers it exactly when the
/// transaction commits and never when it rolls back. ``PostgresCatalogListener`` follows it (the change
/// watcher: live panes, `audit list --follow`, the service's event stream).
///
/// Every call blocks its thread on the server (`EventLoopFuture.wait()`); see ``PostgresCatalogConnection``.
/// Thread-safe: the idle list and caches are behind locks.
final class PostgresCatalogPool: Sendable {
    let location: PostgresCatalogLocation
    let logger: Logger
    private let configuration: PostgresConnection.Configuration
    private let idle = NIOLockedValueBox<[PostgresConnection]>([])
    private let connectionCount = NIOLockedValueBox(0)
    private let numberedStatements = NIOLockedValueBox<[String: String]>([:])
    private let primaryKeys = NIOLockedValueBox<[String: [String]]>([:])

    /// How many idle connections are kept for the next transactions; more are closed.
    static let maximumIdle = 8
    /// How many statement texts keep their numbered form (texts built per call, such as `IN` lists of
    /// varying length, would otherwise grow the cache without bound).
    static let maximumNumberedStatements = 1024
    /// The advisory lock every write transaction holds: this key (`MLkW` in ASCII) with the hash of the
    /// catalog's schema, so lakes in other schemas of the database do not wait for each other.
    static let writeLock: Int32 = 0x4D4C_6B57
    /// The advisory lock a schema migration holds (`MLkM`), apart from writes.
    static let migrationLock: Int32 = 0x4D4C_6B4D
    /// The advisory lock an audit append holds from before it reads the chain's tail until its transaction
    /// ends (`MLkA`): appends from every process and host link one after another, one total order, whatever
    /// else a write locks. Taken after ``writeLock`` (every writer takes them in that order: no deadlock).
    static let auditLock: Int32 = 0x4D4C_6B41
    /// The channel every committed write notifies, with the catalog's schema as payload: one channel for the
    /// database (a schema name may be as long as a channel name may be, so it cannot be a suffix), and each
    /// listener keeps the payloads of its own schema.
    static let changeChannel = "medlake_catalog_changes"
    /// The statement queuing the change notification: only when the transaction wrote (it then has a
    /// transaction id; the advisory lock and reads assign none), so a write that changed nothing wakes no one.
    private static let notifyChange =
        "SELECT pg_notify('\(changeChannel)', ?) AS notified WHERE txid_current_if_assigned() IS NOT NULL"

    /// The statement taking advisory lock `key` for this catalog's schema until the transaction ends. The
    /// name is spelled out, not `current_schema()`, which is NULL before the first migration creates it (and
    /// the lock function skips NULL keys); it is a checked plain identifier, so it needs no escaping.
    func lock(_ key: Int32) -> String {
        "SELECT pg_advisory_xact_lock(\(key), hashtext('\(location.schema)'))"
    }

    /// Connects once (so a wrong URL or password fails here, named) and, with `migrating`, brings the schema
    /// up to date (a copy first checks that the catalog holds nothing, then calls ``migrate()`` itself).
    init(location: PostgresCatalogLocation, password: String?, logger: Logger, migrating: Bool = true) throws {
        self.location = location
        self.logger = logger
        var configuration = PostgresConnection.Configuration(
            host: location.host, port: location.port, username: location.user, password: password,
            database: location.database, tls: .disable)
        if location.requiresTLS {
            do {
                configuration.tls = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
            } catch {
                throw CatalogError.postgres(url: location.description, sqlState: nil, message: "TLS: \(error)")
            }
        }
        // Dates travel as GRDB's UTC text (``PostgresValues``); the session reads and writes them in UTC.
        // Unqualified names resolve in the catalog's schema only. No JIT: the catalog's statements are short,
        // and a plan whose estimate passes `jit_above_cost` (a deep page of a big listing) spent longer
        // compiling than running (265 ms of 610 ms for a page of 100,000 series).
        configuration.options.additionalStartupParameters = [
            ("TimeZone", "UTC"), ("application_name", "medlake"), ("search_path", location.schema), ("jit", "off"),
        ]
        self.configuration = configuration
        if migrating {
            try migrate()
        } else {
            try withConnection { _ in }
        }
    }

    deinit {
        for connection in idle.withLockedValue({ $0 }) { Self.close(connection) }
    }

    /// Closes `server` without waiting (this may run anywhere, an event loop included). The completion
    /// handler holds the connection until it is closed: PostgresNIO requires a connection to be closed
    /// before it is deallocated.
    static func close(_ server: PostgresConnection) {
        server.close().whenComplete { _ in withExtendedLifetime(server) {} }
    }

    // MARK: - Transactions

    /// Runs `body` in a read-only transaction on one snapshot.
    func read<T>(_ body: (CatalogTransaction) throws -> T) throws -> T {
        try transaction(begin: ["BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY"], body)
    }

    /// Runs `body` in a write transaction, serialized with every other writer of the catalog.
    func write<T>(_ body: (CatalogTransaction) throws -> T) throws -> T {
        try transaction(
            begin: [
                "BEGIN ISOLATION LEVEL READ COMMITTED",
                "SET LOCAL lock_timeout = '\(Int(CatalogStore.busyTimeout * 1000))ms'",
                lock(Self.writeLock),
            ], end: [(Self.notifyChange, [location.schema])], body)
    }

    /// Runs `begin`, `body` and `end` (statements with their arguments) in one transaction, then commits.
    private func transaction<T>(
        begin: [String], end: [(String, CatalogArguments)] = [], _ body: (CatalogTransaction) throws -> T
    ) throws -> T {
        try withConnection { server in
            let connection = PostgresCatalogConnection(server: server, pool: self)
            let result: T
            do {
                for statement in begin { _ = try connection.run(statement, []) }
                result = try body(CatalogTransaction(connection: connection))
                for (statement, arguments) in end { _ = try connection.run(statement, arguments) }
                _ = try connection.run("COMMIT", [])
            } catch {
                // A connection that cannot roll back is closed rather than handed to the next transaction.
                if (try? connection.run("ROLLBACK", [])) == nil { Self.close(server) }
                throw error
            }
            connection.runCommitHooks()
            return result
        }
    }

    /// Runs `body` on an idle connection or a new one, and keeps the connection for later when it is open.
    private func withConnection<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        let server = try idle.withLockedValue { $0.popLast() } ?? connect()
        defer { release(server) }
        return try body(server)
    }

    /// Keeps `server` for the next transaction when it is open and fewer than ``maximumIdle`` wait; closes it
    /// otherwise.
    private func release(_ server: PostgresConnection) {
        let kept =
            !server.isClosed
            && idle.withLockedValue { idle in
                guard idle.count < Self.maximumIdle else { return false }
                idle.append(server)
                return true
            }
        if !kept { Self.close(server) }
    }

    /// A new server connection, logged in, its session set up as the transactions' are.
    func connect() throws -> PostgresConnection {
        let id = connectionCount.withLockedValue { count in
            count += 1
            return count
        }
        do {
            return try PostgresConnection.connect(
                on: MultiThreadedEventLoopGroup.singleton.next(), configuration: configuration, id: id, logger: logger
            ).wait()
        } catch {
            throw catalogError(error)
        }
    }

    // MARK: - Schema

    /// Applies the migrations of ``CatalogMigrations/all`` this catalog lacks, in order, in one transaction
    /// under ``migrationLock``: processes opening a new catalog at once apply each migration once, and a
    /// failure leaves the schema as it was (PostgreSQL's DDL is transactional). The ledger is GRDB's table,
    /// `grdb_migrations`, so both engines answer ``CatalogTransaction/appliedMigrations()`` alike.
    func migrate() throws {
        try transaction(begin: ["BEGIN", lock(Self.migrationLock)]) { tx in
            guard let connection = tx.connection as? PostgresCatalogConnection else { return }
            // The schema name is checked to be a plain lower-case identifier (``PostgresCatalogLocation``).
            try connection.execute("CREATE SCHEMA IF NOT EXISTS \(location.schema)", [], cached: false)
            try connection.execute(
                "CREATE TABLE IF NOT EXISTS grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)", [], cached: false)
            let applied = try tx.appliedMigrations()
            for migration in CatalogMigrations.all where !applied.contains(migration.identifier) {
                for statement in PostgresScript.statements(migration.postgres) {
                    do {
                        _ = try connection.server.query(PostgresQuery(unsafeSQL: statement), logger: logger).wait()
                    } catch {
                        throw catalogError(error, context: "migration \(migration.identifier)")
                    }
                }
                try connection.execute(
                    "INSERT INTO grdb_migrations (identifier) VALUES (?)", [migration.identifier], cached: false)
            }
        }
    }

    /// The primary-key columns of `table` (lower-cased, as PostgreSQL names them), asked once per table.
    func primaryKey(of table: String, on connection: PostgresCatalogConnection) throws -> [String] {
        if let known = primaryKeys.withLockedValue({ $0[table] }) { return known }
        let columns = try connection.fetchValues(
            String.self,
            """
            SELECT a.attname FROM pg_index i
            JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
            WHERE i.indrelid = CAST(? AS regclass) AND i.indisprimary ORDER BY a.attnum
            """,
            [table])
        guard !columns.isEmpty else { throw CatalogError.notFound(kind: "primary key of table", id: table) }
        primaryKeys.withLockedValue { $0[table] = columns }
        return columns
    }

    // MARK: - Statements and errors

    /// `sql` with PostgreSQL's numbered placeholders, translated once per text.
    func numbered(_ sql: String) -> String {
        if let known = numberedStatements.withLockedValue({ $0[sql] }) { return known }
        let translated = PostgresPlaceholders.translate(sql)
        numberedStatements.withLockedValue { cache in
            if cache.count >= Self.maximumNumberedStatements { cache.removeAll(keepingCapacity: true) }
            cache[sql] = translated
        }
        return translated
    }

    /// `error` as a ``CatalogError/postgres(url:sqlState:message:)``: the server's SQLSTATE and message, or
    /// what failed on the way. PostgresNIO's own description hides everything (it may hold the statement's
    /// arguments), and so does this one: arguments never reach the message.
    func catalogError(_ error: any Error, context: String? = nil) -> CatalogError {
        if let error = error as? CatalogError { return error }
        var sqlState: String?
        var message = "\(error)"
        if let error = error as? PSQLError {
            if let server = error.serverInfo {
                sqlState = server[.sqlState]
                // The detail field is left out: it quotes row values ("Key (name)=(…) already exists").
                message = server[.message] ?? "server error"
            } else {
                message = "\(error.code)" + (error.underlying.map { ": \($0)" } ?? "")
            }
        }
        if let context { message = "\(context): \(message)" }
        return .postgres(url: location.description, sqlState: sqlState, message: message)
    }
}
