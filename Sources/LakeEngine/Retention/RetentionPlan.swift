import Foundation

/// What the retention policies let go at one moment: objects whose maximum keep has run out for every
/// dataset and zone referencing them, grouped by rule and dataset, with what was kept back and why.
public struct RetentionPlan: Sendable, Codable, Hashable {
    public var generatedAt: Date
    public var deletions: [RetentionDeletionGroup]
    /// Objects that would go but a legal hold keeps.
    public var held: Int
    /// Objects whose keep ran out for some, but not all, of the datasets or zones referencing them.
    public var shared: Int
    /// Objects already in a deletion request, or moving between tiers now.
    public var busy: Int

    public var objectCount: Int { deletions.reduce(0) { $0 + $1.objects } }
    public var byteCount: Int64 { deletions.reduce(0) { $0 + $1.bytes } }
}

/// Objects one rule lets go from one dataset.
public struct RetentionDeletionGroup: Sendable, Codable, Hashable {
    /// The policy name, or `override:DATASET` for an admin's override.
    public var rule: String
    public var dataset: String
    public var objects: Int
    public var bytes: Int64
    /// Why they may go, in words (the rule's keep and the oldest age found).
    public var reason: String
    /// The objects, by catalog id (for ``Lake/requestRetentionDeletion(reason:now:)``).
    var objectIds: [Int64] = []

    enum CodingKeys: String, CodingKey {
        case rule, dataset, objects, bytes, reason
    }
}
