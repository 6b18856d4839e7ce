import GRDB

extension CatalogTransaction {
    /// The entries of the published version with row id `versionId`.
    public func entries(versionId: Int64) throws -> [VersionEntry] {
        try VersionEntry.filter(VersionEntry.Columns.versionId == versionId).fetchAll(db)
    }

    /// How many entries the published version with row id `versionId` has.
    public func entryCount(versionId: Int64) throws -> Int {
        try VersionEntry.filter(VersionEntry.Columns.versionId == versionId).fetchCount(db)
    }
}
