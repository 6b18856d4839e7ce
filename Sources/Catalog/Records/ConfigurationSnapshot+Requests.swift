import GRDB

extension CatalogTransaction {
    /// The stored snapshot of `lake.toml`, if any process has recorded one.
    public func configurationSnapshot() throws -> ConfigurationSnapshot? {
        try ConfigurationSnapshot.current(db)
    }

    /// Replaces the stored snapshot of `lake.toml` (there is one row).
    public func save(_ snapshot: ConfigurationSnapshot) throws {
        try snapshot.save(db)
    }
}
