import Catalog

extension Lake {
    /// A watcher over this lake's catalog for live screens.
    /// - Throws: ``CatalogError/notOnPostgreSQL`` for a catalog on PostgreSQL (its watcher, on LISTEN/NOTIFY,
    ///   is left to do).
    public func watcher() throws -> CatalogWatcher {
        try authorize(.read)
        guard configuration.catalog.postgres == nil else { throw CatalogError.notOnPostgreSQL }
        return try CatalogWatcher(path: root + "/" + Self.catalogFileName)
    }
}
