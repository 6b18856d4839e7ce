/// Whether a dataset can be used and how long it is kept, in one value: its keep period, active legal
/// holds, deprecation and the quality score of its newest version.
public struct DatasetStanding: Sendable, Codable, Hashable {
    public var retention: RetentionStanding
    public var holds: [LegalHoldSummary]
    public var deprecation: DeprecationSummary?
    /// The live score of the newest version (the draft included); nil without any version.
    public var qualityScore: Double?
}
