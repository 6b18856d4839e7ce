import Foundation
import GRDB

/// The lake's catalog: one SQLite file in WAL mode, opened once per process through a `DatabasePool`.
///
/// Several processes (workbenches, CLI commands, workers) share the file. Writers run short transactions
/// and wait up to ``busyTimeout`` for each other; readers see committed snapshots only, so a reader never
/// observes half of an ingest batch.
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
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            try CatalogMigrations.migrator.migrate(pool)
        } catch let error as DatabaseError {
            throw CatalogError.database(path: path, error)
        }
    }

    /// Read-only access, for code that must not write.
    public var reader: any DatabaseReader { pool }
}
