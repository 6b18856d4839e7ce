import Catalog

extension Lake {
    /// Objects and bytes per tier, every configured tier listed (empty ones with zeros), by name.
    public func tierOccupancy() throws -> [TierOccupancy] {
        try authorize(.read)
        let counted = try catalog.read { tx in try tx.tierUsage() }
        var byTier: [String: TierOccupancy] = [:]
        let restore = configuration.tiers.mapValues(\.restoreRequired)
        for name in configuration.tiers.keys {
            byTier[name] = TierOccupancy(tier: name, objects: 0, bytes: 0, restoreRequired: restore[name] ?? false)
        }
        for (name, usage) in counted {
            byTier[name] = TierOccupancy(
                tier: name, objects: usage.objects, bytes: usage.bytes, restoreRequired: restore[name] ?? false)
        }
        return byTier.values.sorted { $0.tier < $1.tier }
    }
}

/// How much one tier holds.
public struct TierOccupancy: Sendable, Hashable, Codable {
    public var tier: String
    public var objects: Int
    public var bytes: Int64
    /// Whether reading from the tier needs a restore first (an archive tier); false for a tier the
    /// configuration no longer names.
    public var restoreRequired: Bool
}
