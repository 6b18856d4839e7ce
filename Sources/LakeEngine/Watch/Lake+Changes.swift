import Catalog

extension Lake {
    /// How often an in-process change stream looks at the catalog's data version: a cheap `PRAGMA` on a
    /// connection of its own (SQLite) or a counter the server's notifications move (PostgreSQL), so a live
    /// pane follows other processes and hosts within a quarter of a second.
    static let changePollInterval = Duration.milliseconds(250)

    /// The catalog's commits as a stream (``ChangeFeed/changes()``), found by polling the watcher's data
    /// version (``CatalogWatcher``) every ``changePollInterval``. The version is read once before this returns, so every commit
    /// after the call is reported.
    public func changes() throws -> AsyncThrowingStream<CatalogChange, any Error> {
        let watcher = try watcher()
        let initial = try watcher.dataVersion()
        let (stream, continuation) = AsyncThrowingStream<CatalogChange, any Error>.makeStream(bufferingPolicy: .bufferingNewest(1))
        let polling = Task {
            var version = initial
            var sequence: Int64 = 0
            do {
                while true {
                    try await Task.sleep(for: Self.changePollInterval)
                    let now = try watcher.dataVersion()
                    guard now != version else { continue }
                    version = now
                    sequence += 1
                    continuation.yield(CatalogChange(sequence: sequence))
                }
            } catch is CancellationError {
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        continuation.onTermination = { _ in polling.cancel() }
        return stream
    }
}
