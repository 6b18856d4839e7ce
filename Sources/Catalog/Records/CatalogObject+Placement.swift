import Foundation

/// Where objects are placed: the requests integrity checks, rebuilds and tier adoption ask of the object table.
extension CatalogTransaction {
    /// Every object row, in row order.
    public func objects() throws -> [CatalogObject] {
        try connection.fetchAll(CatalogObject.self, "SELECT * FROM object ORDER BY id")
    }

    /// The SHA-256s of the objects placed in tier `tier`.
    public func objectHashes(tier: String) throws -> [String] {
        try connection.fetchValues(String.self, "SELECT sha256 FROM object WHERE tier = ?", [tier])
    }

    /// Inserts a present object in tier `tier` for each SHA-256 and size the catalog does not know yet, created
    /// at `now`; returns how many were new.
    public func insertPresentObjects(_ found: [(sha256: String, size: Int64)], tier: String, at now: Date) throws -> Int {
        var inserted = 0
        for object in found {
            inserted += try connection.execute(
                """
                INSERT INTO object (sha256, size, tier, state, createdAt) VALUES (?, ?, ?, 'present', ?)
                ON CONFLICT (sha256) DO NOTHING
                """,
                [object.sha256, object.size, tier, now], cached: true)
        }
        return inserted
    }
}
