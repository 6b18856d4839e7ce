import GRDB

extension CatalogTransaction {
    /// The tombstone of the object with SHA-256 `sha256`, or nil when retention did not delete it.
    public func tombstone(sha256: String) throws -> RetentionTombstone? {
        try RetentionTombstone.filter(RetentionTombstone.Columns.sha256 == sha256).fetchOne(db)
    }
}
