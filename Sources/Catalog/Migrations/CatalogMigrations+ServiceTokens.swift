import GRDB

extension CatalogMigrations {
    // MARK: - v6-tokens-serviceToken

    /// Bearer tokens of service accounts (remote clients of the lake service): a name, the one role the
    /// token holds, its expiry and revocation, and the SHA-256 of its secret, never the secret itself.
    static func createServiceTokens(_ db: Database) throws {
        try db.create(table: "serviceToken") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("name", .text).notNull().unique()
            t.column("role", .text).notNull()
            t.column("secretHash", .text).notNull().unique()
            t.column("createdBy", .text).notNull()
            t.column("createdAt", .datetime).notNull()
            t.column("expiresAt", .datetime).notNull()
            t.column("revokedBy", .text)
            t.column("revokedAt", .datetime)
        }
    }
}
