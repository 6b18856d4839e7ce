import Foundation

/// What the lifecycle rules would move now: one entry per rule and source tier.
public struct LifecyclePlan: Sendable, Codable, Hashable {
    public var generatedAt: Date
    public var moves: [LifecycleMove]
    /// Objects a rule would move into a tier that needs a restore but a legal hold keeps where they are.
    public var legallyHeld: Int = 0

    /// Monthly storage cost of the moved bytes before and after, summed over all moves.
    public var monthlyCostBefore: Double { moves.reduce(0) { $0 + $1.monthlyCostBefore } }
    public var monthlyCostAfter: Double { moves.reduce(0) { $0 + $1.monthlyCostAfter } }
}

/// Objects one rule moves from one tier to another.
public struct LifecycleMove: Sendable, Codable, Hashable {
    public var rule: String
    public var fromTier: String
    public var toTier: String
    public var objects: Int
    public var bytes: Int64
    public var monthlyCostBefore: Double
    public var monthlyCostAfter: Double
    /// Objects referenced by a version with a pending promotion or a recorded run, moving into a tier
    /// that needs a restore before reads.
    public var heldObjects: Int
    /// Why the move deserves a second look, in words; nil when nothing does.
    public var warning: String?
    /// The objects, by catalog id (for ``Lake/applyLifecycle(now:)``).
    var objectIds: [Int64] = []

    enum CodingKeys: String, CodingKey {
        case rule, fromTier, toTier, objects, bytes, monthlyCostBefore, monthlyCostAfter, heldObjects, warning
    }
}
