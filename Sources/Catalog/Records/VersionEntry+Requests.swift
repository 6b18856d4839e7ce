extension CatalogTransaction {
    /// The entries of the published version with row id `versionId`, in path order (by code point).
    public func entries(versionId: Int64) throws -> [VersionEntry] {
        try connection.fetchAll(
            VersionEntry.self, "SELECT * FROM versionEntry WHERE versionId = ? ORDER BY path", [versionId])
    }

    /// How many entries the published version with row id `versionId` has.
    public func entryCount(versionId: Int64) throws -> Int {
        try connection.fetchValue(Int.self, "SELECT COUNT(*) FROM versionEntry WHERE versionId = ?", [versionId]) ?? 0
    }
}
