extension CatalogTransaction {
    /// The tombstone of the object with SHA-256 `sha256`, or nil when retention did not delete it.
    public func tombstone(sha256: String) throws -> RetentionTombstone? {
        try connection.fetchOne(RetentionTombstone.self, "SELECT * FROM retentionTombstone WHERE sha256 = ?", [sha256])
    }
}
