import Foundation
import GRDB

/// Where objects are placed: the requests integrity checks, rebuilds and tier adoption ask of the object table.
extension CatalogTransaction {
    /// Every object row, in row order.
    public func objects() throws -> [CatalogObject] {
        try CatalogObject.fetchAll(db)
    }

    /// The SHA-256s of the objects placed in tier `tier`.
    public func objectHashes(tier: String) throws -> [String] {
        try String.fetchAll(db, sql: "SELECT sha256 FROM object WHERE tier = ?", arguments: [tier])
    }

    /// Inserts a present object in tier `tier` for each SHA-256 and size the catalog does not know yet, created
    /// at `now`; returns how many were new.
    public func insertPresentObjects(_ found: [(sha256: String, size: Int64)], tier: String, at now: Date) throws -> Int {
        let insert = try db.cachedStatement(
            sql: "INSERT OR IGNORE INTO object (sha256, size, tier, state, createdAt) VALUES (?, ?, ?, 'present', ?)")
        var inserted = 0
        for object in found {
            try insert.execute(arguments: [object.sha256, object.size, tier, now])
            inserted += db.changesCount
        }
        return inserted
    }

}
