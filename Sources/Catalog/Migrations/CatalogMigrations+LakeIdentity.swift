import GRDB

extension CatalogMigrations {
    // MARK: - v4-tiers-lakeIdentity

    /// The id of the lake the catalog belongs to (one row), matched against the lake folder's `lake.id`
    /// each time the lake opens: a catalog copied from another lake, or an empty one created by accident,
    /// is refused instead of being used as if it were this lake's.
    static func createLakeIdentity(_ db: Database) throws {
        try db.create(table: "lakeIdentity") { t in
            t.primaryKey("id", .integer).check { $0 == 1 }
            t.column("lakeId", .text).notNull()
            t.column("recordedAt", .datetime).notNull()
        }
    }
}
