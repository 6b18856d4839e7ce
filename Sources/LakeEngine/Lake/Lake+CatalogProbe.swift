import Catalog

extension Lake {
    /// Checks that the lake's catalog file opens and reads now, through a connection of its own (a
    /// readiness probe: the lake's pool keeps answering from a file that has since gone away).
    ///
    /// Needs no role: it reads nothing from the catalog but that it is a database. A catalog on PostgreSQL
    /// is asked for the lake's id in a read transaction: a dead connection fails it, and a new one must log
    /// in.
    /// - Throws: ``LakeIntegrityError`` for a missing or empty catalog file; ``CatalogError`` when SQLite
    ///   cannot open or read it, or PostgreSQL does not answer.
    public func probeCatalog() throws {
        guard configuration.catalog.postgres == nil else {
            _ = try catalog.read { tx in try tx.lakeIdentity() }
            return
        }
        let path = root + "/" + Self.catalogFileName
        try Self.requireCatalogFile(root: root)
        try CatalogStore.probe(path: path)
    }
}
