import GRDB

extension CatalogTransaction {
    /// The target (dataset, version reference or selection) of the migration job with row id `id`.
    public func migrationJobTarget(id: Int64) throws -> String? {
        try String.fetchOne(db, sql: "SELECT target FROM migrationJob WHERE id = ?", arguments: [id])
    }
}
