import NIOConcurrencyHelpers
import PostgresNIO

/// Counts the commits to a PostgreSQL catalog, from the notifications every write transaction sends at
/// commit (``PostgresCatalogPool/changeChannel``): the PostgreSQL side of ``CatalogWatcher``.
///
/// It holds a connection of its own, `LISTEN`ing on the channel; each notification whose payload is the
/// catalog's schema adds one to ``dataVersion()``, on the connection's event loop, as it arrives.
/// Notifications sent while no connection listens are lost, so when ``dataVersion()`` finds the connection
/// closed (the server restarted, a network failure, an administrator ended the session) it connects and
/// listens again, then adds one more: whoever watches reads the catalog again, and sees every commit made
/// while nobody listened (resync). A spurious change costs one re-read; a lost one would leave a pane stale.
///
/// Thread-safe: the count is behind a lock held only to read or bump it; reconnecting is serialized by
/// another, never held by the event loop (a notification arriving meanwhile must not wait for a
/// reconnection that waits for the event loop).
final class PostgresCatalogListener: Sendable {
    private let pool: PostgresCatalogPool
    private let version = NIOLockedValueBox(0)
    private let server = NIOLockedValueBox<PostgresConnection?>(nil)
    private let reconnecting = NIOLock()

    /// Connects and listens before it returns, so every commit after the call is counted.
    /// - Throws: ``CatalogError/postgres(url:sqlState:message:)`` when the server cannot be reached.
    init(pool: PostgresCatalogPool) throws {
        self.pool = pool
        try listen()
    }

    deinit {
        if let server = server.withLockedValue({ $0 }) { PostgresCatalogPool.close(server) }
    }

    /// How many commits were announced since the listener was made (plus one per reconnection): a different
    /// value than last time means something was committed.
    /// - Throws: ``CatalogError/postgres(url:sqlState:message:)`` when the connection was lost and cannot
    ///   be made again.
    func dataVersion() throws -> Int {
        try reconnecting.withLock {
            if server.withLockedValue({ $0?.isClosed ?? true }) { try listen() }
        }
        return version.withLockedValue { $0 }
    }

    /// The server process of the listening connection (`pg_backend_pid()`), for tests that end its session.
    func serverProcessID() throws -> Int32? {
        guard let server = server.withLockedValue({ $0 }) else { return nil }
        do {
            let rows = try server.query("SELECT pg_backend_pid() AS pid", logger: pool.logger).wait()
            return try rows.rows.first?.decode(Int32.self)
        } catch {
            throw pool.catalogError(error)
        }
    }

    /// Opens a connection, listens on the change channel and counts one change (the resync): whatever was
    /// committed before the server acknowledged `LISTEN` is read by whoever sees the new count.
    private func listen() throws {
        let connection = try pool.connect()
        let schema = pool.location.schema
        // The handler goes first so that no notification after `LISTEN` finds none; it runs on the event loop.
        connection.addListener(channel: PostgresCatalogPool.changeChannel) { [version] _, notification in
            guard notification.payload == schema else { return }
            version.withLockedValue { $0 += 1 }
        }
        do {
            // `addListener` sends a `LISTEN` of its own but tells no one when it took effect; this one, waited
            // for, does (a second `LISTEN` of a channel is a no-op). The channel is a constant of plain letters.
            _ = try connection.query(
                PostgresQuery(unsafeSQL: "LISTEN \"\(PostgresCatalogPool.changeChannel)\""), logger: pool.logger
            ).wait()
        } catch {
            PostgresCatalogPool.close(connection)
            throw pool.catalogError(error)
        }
        let previous = server.withLockedValue { server in
            defer { server = connection }
            return server
        }
        if let previous { PostgresCatalogPool.close(previous) }
        version.withLockedValue { $0 += 1 }
    }
}
