import Catalog
import GRDB

extension Lake {
    /// Objects and bytes per tier, every configured tier listed (empty ones with zeros), by name.
    public func tierOccupancy() throws -> [TierOccupancy] {
        try authorize(.read)
        let counted = try catalog.reader.read { db in
            try Row.fetchAll(db, sql: "SELECT tier, COUNT(*) AS objects, IFNULL(SUM(size), 0) AS bytes FROM object WHERE state != 'deleted' GROUP BY tier")
        }
        var byTier: [String: TierOccupancy] = [:]
        for name in configuration.tiers.keys { byTier[name] = TierOccupancy(tier: name, objects: 0, bytes: 0) }
        for row in counted {
            let name: String = row["tier"]
            byTier[name] = TierOccupancy(tier: name, objects: row["objects"], bytes: row["bytes"])
        }
        return byTier.values.sorted { $0.tier < $1.tier }
    }
}

/// How much one tier holds.
public struct TierOccupancy: Sendable, Hashable, Codable {
    public var tier: String
    public var objects: Int
    public var bytes: Int64
}
