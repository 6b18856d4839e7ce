/// Where a promotion request stands.
public enum PromotionState: String, Sendable, Hashable, CaseIterable, Codable {
    /// Checks passed; waiting for approvals.
    case pending
    /// A policy check failed when it was requested; it cannot be approved.
    case blocked
    /// Enough approvals; waiting for (or retrying) execution.
    case approved
    /// Someone with approval rights rejected it.
    case rejected
    /// The target version is published.
    case executed
}

extension PromotionState {
    /// The states that hold a version and zone: while a promotion is in one, another request for the same
    /// version and zone is refused (a `blocked` or `rejected` one does not count).
    public static let holding: [PromotionState] = [.pending, .approved, .executed]
}
