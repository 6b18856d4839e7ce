import CSQLiteShim
import Foundation
import GRDB

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
/// The store is `Sendable`: `DatabasePool` serializes writes and runs reads concurrently.
public final class CatalogStore: Sendable {
    /// The shared connection pool. Hand read-only code ``reader``.
    public let pool: DatabasePool

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
            pool = try DatabasePool(path: path, configuration: configuration)
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

    /// Read-only access to the raw pool, for tests that tamper with the catalog as an attacker would.
    /// Lake code uses ``read(_:)`` and ``write(_:)``.
    public var reader: any DatabaseReader { pool }

    /// Whether `error` says this process cannot write the catalog at all (a read-only file or folder, no
    /// permission, or another process holding the write lock past the busy timeout), as opposed to a bad
    /// statement: callers that write only to record something may then go on without recording it.
    public static func cannotWrite(_ error: any Error) -> Bool {
        guard let error = error as? DatabaseError else { return false }
        return [.SQLITE_READONLY, .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_AUTH, .SQLITE_BUSY, .SQLITE_LOCKED]
            .contains(error.resultCode)
    }

    // MARK: - Transactions

    /// Runs `body` in a read-only transaction on one committed snapshot; reads run concurrently.
    /// - Throws: what `body` throws, or the store's errors from SQLite (opaque: ``cannotWrite(_:)`` classifies them).
    public func read<T>(_ body: (CatalogTransaction) throws -> T) throws -> T {
        try pool.read { db in try body(CatalogTransaction(db)) }
    }

    /// Runs `body` in a write transaction (`BEGIN IMMEDIATE`): it commits when `body` returns and rolls
    /// back when it throws. Writes are serialized across threads and, through the busy timeout, processes.
    public func write<T>(_ body: (CatalogTransaction) throws -> T) throws -> T {
        try pool.write { db in try body(CatalogTransaction(db)) }
    }

    /// ``read(_:)`` for async code: waits for a reader connection without blocking a cooperative thread.
    public func read<T: Sendable>(_ body: @Sendable (CatalogTransaction) throws -> T) async throws -> T {
        try await pool.read { db in try body(CatalogTransaction(db)) }
    }

    /// ``write(_:)`` for async code: waits for the writer without blocking a cooperative thread.
    public func write<T: Sendable>(_ body: @Sendable (CatalogTransaction) throws -> T) async throws -> T {
        try await pool.write { db in try body(CatalogTransaction(db)) }
    }
}
