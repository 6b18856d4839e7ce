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
