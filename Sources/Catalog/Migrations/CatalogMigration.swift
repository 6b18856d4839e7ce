import GRDB

/// One step of the catalog schema, for both engines: its identifier (the ledger's key), its GRDB body for
/// SQLite and its PostgreSQL DDL (one or more statements, run in the migrating transaction).
struct CatalogMigration: Sendable {
    let identifier: String
    let sqlite: @Sendable (Database) throws -> Void
    let postgres: String

    init(_ identifier: String, sqlite: @escaping @Sendable (Database) throws -> Void, postgres: String) {
        self.identifier = identifier
        self.sqlite = sqlite
        self.postgres = postgres
    }
}
