import CSQLiteShim
import Foundation
import GRDB
import Logging

/// The lake's catalog: one SQLite file in WAL mode, opened once per process through a `DatabasePool`.
///
/// Several processes (workbenches, CLI commands, workers) share the file. Writers run short transactions
/// and wait up to ``busyTimeout`` for each other; readers see committed snapshots only, so a reader never
/// observes half of an ingest batch.
///
/// Opening is cheap for the many short processes a lake serves (each query command is one): the migrator
/// runs only when the schema is behind, and the last connection to close neither checkpoints nor deletes
/// the WAL (`SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE`), so the next process finds the WAL in place and GRDB does
/// not write a transaction just to create it. A process that only reads never writes or syncs the catalog.
/// Because no close-time checkpoint makes commits durable any more, the writer syncs the WAL at every
/// commit (`synchronous = FULL`): a command that returned has its changes on disk. Checkpoints happen when
/// the WAL reaches SQLite's auto-checkpoint size.
///
/// A store opened with ``init(postgres:password:logger:)`` keeps the catalog on PostgreSQL instead (issue
/// #17): the same requests run there through the seam (``CatalogConnection``), on a pool of server
/// connections (see `PostgresCatalogPool` for its transactions and locking).
///
/// The store is `Sendable`: `DatabasePool` serializes writes and runs reads concurrently, and the PostgreSQL
/// pool hands each transaction a connection of its own.
public final class CatalogStore: Sendable {
    /// Which engine holds the catalog.
    private enum Engine: Sendable {
        case sqlite(DatabasePool)
        case postgres(PostgresCatalogPool)
    }

    private let engine: Engine

    /// The shared connection pool of a SQLite catalog. Hand read-only code ``reader``.
    /// - precondition: The store is SQLite: only tests that tamper with the catalog file use this.
    public var pool: DatabasePool {
        guard case .sqlite(let pool) = engine else { preconditionFailure("a PostgreSQL catalog has no DatabasePool") }
        return pool
    }

    /// How long a writer waits for another process's write transaction before failing.
    public static let busyTimeout: TimeInterval = 30

    /// Opens (creating if needed) the catalog at `path` and migrates it to the current schema.
    public init(path: String) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(Self.busyTimeout)
        configuration.foreignKeysEnabled = true
        configuration.prepareDatabase { db in
            let code = medlake_sqlite_keep_wal_on_close(db.sqliteConnection)
            guard code == SQLITE_OK else {
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: "cannot keep the WAL on close")
            }
        }
        do {
            let pool = try DatabasePool(path: path, configuration: configuration)
            engine = .sqlite(pool)
            try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
            let migrator = CatalogMigrations.migrator
            if try !pool.read(migrator.hasCompletedMigrations) {
                try migrator.migrate(pool)
            }
        } catch let error as DatabaseError {
            throw CatalogError.database(
                path: path, resultCode: error.resultCode.rawValue,
                message: error.message ?? "SQLite error \(error.resultCode)")
        }
    }

    /// Opens the PostgreSQL catalog at `location`, logging in with `password` (see
    /// ``PostgresCatalogLocation/password(environment:defaultFile:)``), and migrates it to the current schema
    /// (the same ordered migrations as SQLite's, under an advisory lock so concurrent openers apply each once).
    /// `logger` receives PostgresNIO's connection events (debug and below).
    /// - Throws: ``CatalogError/postgres(url:sqlState:message:)`` when the server cannot be reached, refuses the
    ///   login or fails a migration.
    public init(postgres location: PostgresCatalogLocation, password: String?, logger: Logger = CatalogStore.silentLogger) throws {
        engine = .postgres(try PostgresCatalogPool(location: location, password: password, logger: logger))
    }

    /// A store on `pool` as it is, for a copy that checks the catalog before migrating it.
    init(postgres pool: PostgresCatalogPool) {
        engine = .postgres(pool)
    }

    /// Whether the catalog is a SQLite file (else it is on PostgreSQL).
    public var isSQLite: Bool {
        if case .sqlite = engine { return true }
        return false
    }

    /// Moves every committed page of a SQLite catalog's write-ahead log into the file and empties the log
    /// (`wal_checkpoint(TRUNCATE)`), so the file alone holds the catalog: before it is renamed or archived.
    /// Nothing to do on PostgreSQL.
    /// - Throws: ``CatalogError/database(path:resultCode:message:)`` when SQLite cannot, or a reader holds
    ///   an older snapshot (the log then cannot be emptied).
    public func checkpoint() throws {
        guard case .sqlite(let pool) = engine else { return }
        do {
            let (busy, _, _) = try pool.writeWithoutTransaction { db -> (Int, Int, Int) in
                let row = try Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(TRUNCATE)")
                return (row?[0] ?? 1, row?[1] ?? 0, row?[2] ?? 0)
            }
            guard busy == 0 else {
                throw CatalogError.database(
                    path: pool.path, resultCode: SQLITE_BUSY, message: "another process holds a snapshot: the WAL cannot be emptied")
            }
        } catch let error as DatabaseError {
            throw CatalogError.database(
                path: pool.path, resultCode: error.resultCode.rawValue, message: error.message ?? "checkpoint failed")
        }
    }

    /// A logger that drops everything, for callers that pass none.
    public static let silentLogger = Logger(label: "medlake.catalog", factory: { _ in SwiftLogNoOpLogHandler() })

    /// Read-only access to the raw pool, for tests that tamper with the catalog as an attacker would.
    /// Lake code uses ``read(_:)`` and ``write(_:)``.
    /// - precondition: The store is SQLite.
    public var reader: any DatabaseReader { pool }

    /// Whether `error` says this process cannot write the catalog at all (a read-only file or folder, no
    /// permission, or another process holding the write lock past the busy timeout), as opposed to a bad
    /// statement: callers that write only to record something may then go on without recording it.
    public static func cannotWrite(_ error: any Error) -> Bool {
        if case CatalogError.postgres(_, let sqlState, _) = error {
            // No state: the server could not be reached. 25006: a write in a read-only transaction (a
            // standby); 42501: no privilege; 55P03: the write lock was held past the busy timeout; 57P03:
            // the server is starting or stopping.
            return sqlState.map { ["25006", "42501", "55P03", "57P03"].contains($0) } ?? true
        }
        guard let error = error as? DatabaseError else { return false }
        return [.SQLITE_READONLY, .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_AUTH, .SQLITE_BUSY, .SQLITE_LOCKED]
            .contains(error.resultCode)
    }

    /// A watcher of this catalog's commits, on a connection of its own (``CatalogWatcher``): SQLite's data
    /// version or PostgreSQL's change notifications. It sees every commit made after it returns.
    /// - Throws: ``CatalogError/database(path:resultCode:message:)`` or
    ///   ``CatalogError/postgres(url:sqlState:message:)`` when the catalog cannot be reached.
    public func watcher() throws -> CatalogWatcher {
        switch engine {
        case .sqlite(let pool):
            do {
                return try CatalogWatcher(path: pool.path)
            } catch let error as DatabaseError {
                throw CatalogError.database(
                    path: pool.path, resultCode: error.resultCode.rawValue, message: error.message ?? "cannot watch")
            }
        case .postgres(let pool): return try CatalogWatcher(postgres: pool)
        }
    }

    // MARK: - Transactions

    /// Runs `body` in a read-only transaction on one committed snapshot; reads run concurrently.
    /// - Throws: what `body` throws, or the store's errors (opaque: ``cannotWrite(_:)`` classifies them).
    public func read<T>(_ body: (CatalogTransaction) throws -> T) throws -> T {
        switch engine {
        case .sqlite(let pool): try pool.read { db in try body(CatalogTransaction(db)) }
        case .postgres(let pool): try pool.read(body)
        }
    }

    /// Runs `body` in a write transaction: it commits when `body` returns and rolls back when it throws.
    /// Writes are serialized across threads and processes (SQLite's `BEGIN IMMEDIATE` with the busy timeout;
    /// on PostgreSQL an advisory lock, across hosts too).
    public func write<T>(_ body: (CatalogTransaction) throws -> T) throws -> T {
        switch engine {
        case .sqlite(let pool): try pool.write { db in try body(CatalogTransaction(db)) }
        case .postgres(let pool): try pool.write(body)
        }
    }

    /// ``read(_:)`` for async code: waits for a connection without blocking a cooperative thread (on
    /// PostgreSQL the transaction runs on a `NIOThreadPool` thread, since its calls block).
    public func read<T: Sendable>(_ body: @Sendable (CatalogTransaction) throws -> T) async throws -> T {
        switch engine {
        case .sqlite(let pool): try await pool.read { db in try body(CatalogTransaction(db)) }
        case .postgres(let pool):
            // The pool thread runs `body` while this call awaits it and lets it go before the call resumes.
            try await withoutActuallyEscaping(body) { body in
                try await Self.onThreadPool { try pool.read(body) }
            }
        }
    }

    /// ``write(_:)`` for async code: waits for the writer without blocking a cooperative thread.
    public func write<T: Sendable>(_ body: @Sendable (CatalogTransaction) throws -> T) async throws -> T {
        switch engine {
        case .sqlite(let pool): try await pool.write { db in try body(CatalogTransaction(db)) }
        case .postgres(let pool):
            try await withoutActuallyEscaping(body) { body in
                try await Self.onThreadPool { try pool.write(body) }
            }
        }
    }
}
