import GRDB

/// Tells whether another connection (this process's writer, a CLI, a worker) committed to the catalog,
/// cheaply enough to ask several times a second.
///
/// It reads SQLite's `PRAGMA data_version` on a connection of its own: the value changes exactly when
/// another connection commits, and it must be compared on the same connection, so the watcher cannot
/// borrow one of the pool's readers. Thread-safe: the connection is a `DatabaseQueue`.
public final class CatalogWatcher: Sendable {
    private let queue: DatabaseQueue

    /// Opens a read-only connection of its own to the catalog at `path`.
    public init(path: String) throws {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(CatalogStore.busyTimeout)
        queue = try DatabaseQueue(path: path, configuration: configuration)
    }

    /// The catalog's data version: a different value than last time means something was committed.
    public func dataVersion() throws -> Int {
        try queue.read { db in try Int.fetchOne(db, sql: "PRAGMA data_version") ?? 0 }
    }
}
