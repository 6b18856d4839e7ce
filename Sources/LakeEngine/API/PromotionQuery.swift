import Catalog

/// What ``GovernanceOperations/promotions(_:)`` lists.
public struct PromotionQuery: Codable, Sendable, Hashable {
    public var state: PromotionState?
    public var page: PageRequest

    public init(state: PromotionState? = nil, page: PageRequest = .first) {
        self.state = state
        self.page = page
    }
}

/// A promotion to ask for (``GovernanceOperations/requestPromotion(_:)``).
public struct PromotionRequest: Codable, Sendable, Hashable {
    /// `DATASET@N`, `DATASET@HASHPREFIX` or `DATASET@latest`.
    public var source: String
    /// The target zone: the one after the source's.
    public var zone: String
    /// A member filter (`--select`), nil for every member.
    public var select: String?
    public var reason: String

    public init(source: String, zone: String, select: String? = nil, reason: String) {
        self.source = source
        self.zone = zone
        self.select = select
        self.reason = reason
    }
}

/// The body of an approval or rejection: the decider's comment.
public struct PromotionComment: Codable, Sendable, Hashable {
    public var comment: String

    public init(comment: String) {
        self.comment = comment
    }
}
