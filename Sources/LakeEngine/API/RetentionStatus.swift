/// Where one dataset stands (``RetentionOperations/retentionStatus(of:)``, `medlake retention status`): how
/// long it is kept, what holds it, what supersedes it, and its latest quality score.
public struct RetentionStatus: Codable, Sendable, Hashable {
    public var retention: RetentionStanding
    /// Its active legal holds, newest first.
    public var holds: [LegalHoldSummary]
    public var deprecation: DeprecationSummary?
    /// The quality score of its newest version; nil before the first version.
    public var qualityScore: Double?

    public init(
        retention: RetentionStanding, holds: [LegalHoldSummary], deprecation: DeprecationSummary?, qualityScore: Double?
    ) {
        self.retention = retention
        self.holds = holds
        self.deprecation = deprecation
        self.qualityScore = qualityScore
    }
}
