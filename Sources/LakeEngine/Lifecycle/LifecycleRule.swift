/// A lifecycle rule from `lake.toml`: which objects should live in which tier.
///
/// Every condition that is set must hold (they combine with AND); unset conditions match everything.
/// Dataset conditions (zone, status, sensitivity, version state) must hold for every dataset that holds
/// the object, so an object shared with a dataset the rule does not cover never moves.
///
/// ```toml
/// [[lifecycle.rules]]
/// name = "cool-raw"
/// zone = "raw"
/// min_days_since_ingest = 30
/// min_days_since_access = 14
/// to = "warm"
/// ```
public struct LifecycleRule: Sendable, Hashable, Codable {
    public var name: String
    /// The tier matching objects move to.
    public var toTier: String
    /// Only objects now in one of these tiers (any tier when nil).
    public var fromTiers: [String]?
    public var zone: String?
    /// Days since the object was ingested, at least.
    public var minDaysSinceIngest: Double?
    /// Days since the object was last read (or ingested, when never read), at least.
    public var minDaysSinceAccess: Double?
    /// `active` or `deprecated`.
    public var datasetStatus: String?
    /// The dataset's sensitivity label.
    public var sensitivity: String?
    /// State of the dataset's newest version: `draft` or `published`.
    public var versionState: String?

    public init(
        name: String, toTier: String, fromTiers: [String]? = nil, zone: String? = nil,
        minDaysSinceIngest: Double? = nil, minDaysSinceAccess: Double? = nil, datasetStatus: String? = nil,
        sensitivity: String? = nil, versionState: String? = nil
    ) {
        self.name = name
        self.toTier = toTier
        self.fromTiers = fromTiers
        self.zone = zone
        self.minDaysSinceIngest = minDaysSinceIngest
        self.minDaysSinceAccess = minDaysSinceAccess
        self.datasetStatus = datasetStatus
        self.sensitivity = sensitivity
        self.versionState = versionState
    }
}
