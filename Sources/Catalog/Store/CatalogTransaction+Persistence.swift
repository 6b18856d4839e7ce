import GRDB

/// Writing whole records: every record is a `Codable` struct whose coding keys are its table's columns.
/// SQLite writes it through GRDB; PostgreSQL builds the `INSERT`/`UPDATE` from the same encoded columns and
/// reads an inserted row back (`RETURNING *`) for its id. A row that would repeat a unique key throws
/// ``CatalogError/duplicate(table:)`` on both engines.
extension CatalogTransaction {
    /// Inserts `record`, setting its id when the table assigns one.
    public func insert<Record: MutablePersistableRecord & FetchableRecord>(_ record: inout Record) throws {
        try refusingDuplicates(in: Record.databaseTableName) { try connection.insert(&record) }
    }

    /// Writes every column of `record`, found by its primary key.
    public func update<Record: MutablePersistableRecord>(_ record: Record) throws {
        try refusingDuplicates(in: Record.databaseTableName) { try connection.update(record) }
    }

    /// Deletes `record`, found by its primary key; returns whether a row was deleted.
    @discardableResult
    public func delete<Record: MutablePersistableRecord>(_ record: Record) throws -> Bool {
        try connection.delete(record)
    }
}
