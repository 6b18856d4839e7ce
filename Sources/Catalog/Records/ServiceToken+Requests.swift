extension CatalogTransaction {
    /// The token named `name`, if any.
    public func serviceToken(named name: String) throws -> ServiceToken? {
        try connection.fetchOne(ServiceToken.self, "SELECT * FROM serviceToken WHERE name = ?", [name])
    }

    /// The token whose secret hashes to `secretHash`, if any.
    public func serviceToken(secretHash: String) throws -> ServiceToken? {
        try connection.fetchOne(ServiceToken.self, "SELECT * FROM serviceToken WHERE secretHash = ?", [secretHash])
    }

    /// Every token, in name order (by code point on both engines).
    public func serviceTokens() throws -> [ServiceToken] {
        try connection.fetchAll(ServiceToken.self, "SELECT * FROM serviceToken ORDER BY name")
    }
}
