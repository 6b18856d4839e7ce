import Catalog
import Foundation

/// A deletion request with its objects, decisions and progress, for listings.
public struct RetentionRequestSummary: Codable, Hashable, Sendable {
    public var id: Int64
    public var requester: String
    public var reason: String
    public var state: RetentionRequest.State
    /// Objects by item state.
    public var pending: Int
    public var deleted: Int
    public var kept: Int
    /// Deleted objects whose bytes are still in their tier (a rerun of execute removes them).
    public var objectsLeft: Int
    public var bytes: Int64
    /// The rules and datasets covered.
    public var rules: [String]
    public var datasets: [String]
    public var decisions: [RetentionDecisionSummary]
    public var approvals: Int
    public var approvalsNeeded: Int
    public var error: String?
    public var createdAt: Date
    public var updatedAt: Date
}

/// One person's decision on a deletion request, oldest first in ``RetentionRequestSummary/decisions``.
public struct RetentionDecisionSummary: Codable, Hashable, Sendable {
    public var id: Int64
    public var requestId: Int64
    public var approver: String
    public var decision: Decision
    public var comment: String
    /// The grant that allowed the decision, when not a role.
    public var grantId: Int64?
    public var createdAt: Date
}

// MARK: - From the catalog

extension RetentionDecisionSummary {
    init(_ approval: RetentionApproval) {
        self.init(
            id: approval.id ?? 0, requestId: approval.requestId, approver: approval.approver,
            decision: approval.decision, comment: approval.comment, grantId: approval.grantId,
            createdAt: approval.createdAt)
    }
}
