extension CatalogTransaction {
    /// The identifiers of the migrations this catalog has applied, from the ledger both engines keep in
    /// GRDB's table `grdb_migrations`.
    public func appliedMigrations() throws -> Set<String> {
        Set(try connection.fetchValues(String.self, "SELECT identifier FROM grdb_migrations"))
    }
}
