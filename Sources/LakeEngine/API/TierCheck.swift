import Storage

/// The answer of ``TierOperations/checkTier(named:)``: an S3 tier checked end to end by whoever holds the
/// lake's credentials (the service, for a shared lake), step by step.
///
/// The steps stop at the first that fails (a bucket cannot be written before it is found), so a check
/// passed only when all six ran and passed.
public struct TierCheck: Sendable, Hashable, Codable {
    /// The tier's name in `lake.toml`.
    public var tier: String
    /// The steps taken, in order: endpoint, credentials, bucket, write, read, delete.
    public var steps: [S3ProbeStep]

    public init(tier: String, steps: [S3ProbeStep]) {
        self.tier = tier
        self.steps = steps
    }

    /// True when every step ran and passed.
    public var passed: Bool {
        steps.map(\.name) == S3ProbeStep.Step.allCases && steps.allSatisfy(\.passed)
    }
}
