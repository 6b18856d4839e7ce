import Catalog

extension Lake {
    /// A watcher over this lake's catalog for live screens.
    public func watcher() throws -> CatalogWatcher {
        try authorize(.read)
        return try CatalogWatcher(path: root + "/" + Self.catalogFileName)
    }
}
