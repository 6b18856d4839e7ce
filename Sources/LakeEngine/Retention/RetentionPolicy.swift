import Foundation

/// A retention policy from `lake.toml`: how long the objects of the datasets it matches must be kept, and
/// when they must go.
///
/// The first policy (in `lake.toml` order) whose conditions hold for a dataset applies to it; an admin's
/// per-dataset override (``Lake/setRetentionOverride(dataset:minDays:maxDays:reason:)``) replaces it.
///
/// ```toml
/// [[retention.policies]]
/// name = "raw-10y"
/// zone = "raw"
/// min_days = 3650
/// from = "acquisition"
///
/// [[retention.policies]]
/// name = "consent-limited"
/// label = "consent-limited"
/// max_days = 365
/// ```
public struct RetentionPolicy: Sendable, Hashable, Codable {
    /// Where a keep period is counted from.
    public enum Clock: String, Sendable, Hashable, Codable, CaseIterable {
        /// The object's ingest into the lake.
        case ingest
        /// The DICOM StudyDate of the study holding the object; objects without one (genomic files) count
        /// from ingest.
        case acquisition
    }

    public var name: String
    /// Only datasets in this zone (any zone when nil).
    public var zone: String?
    /// Only datasets with this sensitivity label (any label when nil).
    public var label: String?
    /// Days the objects must be kept at least; nothing is deleted earlier, whatever else applies.
    public var minDays: Double?
    /// Days after which the objects must go (consent-limited data); nil keeps them indefinitely.
    public var maxDays: Double?
    public var from: Clock

    public init(
        name: String, zone: String? = nil, label: String? = nil, minDays: Double? = nil, maxDays: Double? = nil,
        from: Clock = .ingest
    ) {
        self.name = name
        self.zone = zone
        self.label = label
        self.minDays = minDays
        self.maxDays = maxDays
        self.from = from
    }

    /// True when the policy covers a dataset in `zone` labelled `label`.
    func matches(zone: String, label: String) -> Bool {
        (self.zone == nil || self.zone == zone) && (self.label == nil || self.label == label)
    }
}

/// The retention settings of a lake: the policies, in order.
public struct RetentionSettings: Sendable, Hashable {
    public var policies: [RetentionPolicy]

    public init(policies: [RetentionPolicy] = []) {
        self.policies = policies
    }
}
