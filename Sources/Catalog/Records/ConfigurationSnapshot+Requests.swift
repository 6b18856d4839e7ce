extension CatalogTransaction {
    /// The stored snapshot of `lake.toml`, if any process has recorded one.
    public func configurationSnapshot() throws -> ConfigurationSnapshot? {
        try connection.fetchOne(ConfigurationSnapshot.self, "SELECT * FROM configurationSnapshot WHERE id = 1")
    }

    /// Replaces the stored snapshot of `lake.toml` (there is one row, id 1), in one statement.
    public func save(_ snapshot: ConfigurationSnapshot) throws {
        try connection.execute(
            """
            INSERT INTO configurationSnapshot (id, sha256, settings, recordedAt) VALUES (?, ?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET
              sha256 = excluded.sha256, settings = excluded.settings, recordedAt = excluded.recordedAt
            """,
            [snapshot.id, snapshot.sha256, snapshot.settings, snapshot.recordedAt], cached: false)
    }
}
