import Catalog

extension Lake {
    /// A watcher over this lake's catalog for live screens, on either engine (``CatalogStore/watcher()``).
    public func watcher() throws -> CatalogWatcher {
        try authorize(.read)
        return try catalog.watcher()
    }
}
