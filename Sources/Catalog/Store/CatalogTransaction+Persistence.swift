import GRDB

/// Writing whole records: every record is a `Codable` struct whose coding keys are its table's columns, so
/// a second store maps it to an `INSERT`/`UPDATE` by those keys as GRDB does here.
extension CatalogTransaction {
    /// Inserts `record`, setting its id when the table assigns one.
    public func insert<Record: MutablePersistableRecord>(_ record: inout Record) throws {
        try record.insert(db)
    }

    /// Writes every column of `record`, found by its primary key.
    public func update<Record: MutablePersistableRecord>(_ record: Record) throws {
        try record.update(db)
    }

    /// Deletes `record`, found by its primary key; returns whether a row was deleted.
    @discardableResult
    public func delete<Record: MutablePersistableRecord>(_ record: Record) throws -> Bool {
        try record.delete(db)
    }
}
