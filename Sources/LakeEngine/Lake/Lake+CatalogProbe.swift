import Catalog

extension Lake {
    /// Checks that the lake's catalog file opens and reads now, through a connection of its own (a
    /// readiness probe: the lake's pool keeps answering from a file that has since gone away).
    ///
    /// Needs no role: it reads nothing from the catalog but that it is a database.
    /// - Throws: ``LakeIntegrityError`` for a missing or empty catalog file; ``CatalogError`` when SQLite
    ///   cannot open or read it.
    public func probeCatalog() throws {
        let path = root + "/" + Self.catalogFileName
        try Self.requireCatalogFile(root: root)
        try CatalogStore.probe(path: path)
    }
}
