import GRDB

/// Tells whether another connection (this process's writer, a CLI, a worker, another host) committed to the
/// catalog, cheaply enough to ask several times a second. Made by ``CatalogStore/watcher()``.
///
/// On SQLite it reads `PRAGMA data_version` on a connection of its own: the value changes exactly when
/// another connection commits, and it must be compared on the same connection, so the watcher cannot
/// borrow one of the pool's readers. On PostgreSQL it counts the notifications every write transaction
/// sends at commit, on a connection of its own that `LISTEN`s (``PostgresCatalogListener``; a lost
/// connection is made again on the next ask, which then reports a change so nothing missed meanwhile is
/// missed by the reader). Thread-safe: `DatabaseQueue` and the listener are.
public final class CatalogWatcher: Sendable {
    private enum Source: Sendable {
        case sqlite(DatabaseQueue)
        case postgres(PostgresCatalogListener)
    }

    private let source: Source

    /// Opens a read-only connection of its own to the SQLite catalog at `path`.
    public convenience init(path: String) throws {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(CatalogStore.busyTimeout)
        self.init(source: .sqlite(try DatabaseQueue(path: path, configuration: configuration)))
    }

    /// Listens for the commits to the PostgreSQL catalog `pool` serves.
    convenience init(postgres pool: PostgresCatalogPool) throws {
        self.init(source: .postgres(try PostgresCatalogListener(pool: pool)))
    }

    private init(source: Source) {
        self.source = source
    }

    /// The catalog's data version: a different value than last time means something was committed.
    public func dataVersion() throws -> Int {
        switch source {
        case .sqlite(let queue): try queue.read { db in try Int.fetchOne(db, sql: "PRAGMA data_version") ?? 0 }
        case .postgres(let listener): try listener.dataVersion()
        }
    }

    /// The PostgreSQL server process listening for this watcher (nil on SQLite), for tests that end it.
    func listeningProcessID() throws -> Int32? {
        guard case .postgres(let listener) = source else { return nil }
        return try listener.serverProcessID()
    }
}
