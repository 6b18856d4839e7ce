/// One zone of the lake (`raw`, `curated`, `training`…) with how many published versions live in it: a
/// promoted version lives in its target zone while its dataset keeps the zone it was created in.
public struct ZoneOverview: Codable, Sendable, Hashable {
    public var name: String
    public var publishedVersions: Int

    public init(name: String, publishedVersions: Int) {
        self.name = name
        self.publishedVersions = publishedVersions
    }
}
