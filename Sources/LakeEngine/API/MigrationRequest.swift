/// A migration job to queue (``TierOperations/queueJob(_:)``): a dataset's objects to a tier.
public struct MigrationRequest: Codable, Sendable, Hashable {
    public enum Kind: String, Codable, Sendable, Hashable, CaseIterable {
        /// Move the objects not in `tier` there (`medlake migrate start`).
        case migrate
        /// Rehydrate the objects in restore-required tiers into `tier` (`medlake restore`).
        case restore
    }

    /// `DATASET` or `DATASET@VERSION`.
    public var dataset: String
    public var tier: String
    public var kind: Kind

    public init(dataset: String, tier: String, kind: Kind) {
        self.dataset = dataset
        self.tier = tier
        self.kind = kind
    }
}

/// What to do to a migration job (``TierOperations/controlJob(id:_:)``).
public enum JobAction: String, Codable, Sendable, Hashable, CaseIterable {
    /// Pause it; a running job stops within a second.
    case pause
    /// Resume a paused job, or retry a failed one.
    case resume
    /// Cancel it; every object stays in exactly one verified place.
    case cancel
}

/// The body of ``TierOperations/controlJob(id:_:)``.
public struct JobControl: Codable, Sendable, Hashable {
    public var action: JobAction

    public init(action: JobAction) {
        self.action = action
    }
}
