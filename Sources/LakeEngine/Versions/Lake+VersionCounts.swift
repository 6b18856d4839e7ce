import Catalog

extension Lake {
    /// Published versions per zone (`raw`, `curated`, `training`): a promoted version lives in its
    /// target zone while its dataset keeps the zone it was created in, so this is how full each zone is.
    public func publishedVersionCounts() throws -> [String: Int] {
        try authorize(.read)
        return try catalog.read { tx in try tx.publishedVersionCountsByZone() }
    }

    /// The lake's zones in promotion order, each with its published versions (a reading role).
    public func zones() throws -> [ZoneOverview] {
        let counts = try publishedVersionCounts()
        return configuration.zones.map { ZoneOverview(name: $0, publishedVersions: counts[$0] ?? 0) }
    }
}
