import GRDB

extension CatalogTransaction {
    /// The token named `name`, if any.
    public func serviceToken(named name: String) throws -> ServiceToken? {
        try ServiceToken.filter(ServiceToken.Columns.name == name).fetchOne(db)
    }

    /// The token whose secret hashes to `secretHash`, if any.
    public func serviceToken(secretHash: String) throws -> ServiceToken? {
        try ServiceToken.filter(ServiceToken.Columns.secretHash == secretHash).fetchOne(db)
    }

    /// Every token, in name order.
    public func serviceTokens() throws -> [ServiceToken] {
        try ServiceToken.order(ServiceToken.Columns.name).fetchAll(db)
    }
}
