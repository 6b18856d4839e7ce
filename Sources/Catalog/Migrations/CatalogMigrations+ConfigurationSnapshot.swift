import GRDB

extension CatalogMigrations {
    // MARK: - v3-configuration-snapshot

    /// The `lake.toml` the catalog last saw (hash and flattened settings), so edits made outside medlake
    /// are found and audited when the lake is next opened.
    static func createConfigurationSnapshot(_ db: Database) throws {
        try db.create(table: "configurationSnapshot") { t in
            t.primaryKey("id", .integer).check { $0 == 1 }
            t.column("sha256", .text).notNull()
            t.column("settings", .text).notNull()
            t.column("recordedAt", .datetime).notNull()
        }
    }
}
