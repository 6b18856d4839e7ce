import Catalog
import Foundation

/// A promotion with everything a reviewer needs: source and target, checks, decisions and outcome.
public struct PromotionSummary: Codable, Hashable, Sendable {
    public var id: Int64
    public var dataset: String
    /// `DATASET@N` of the source version.
    public var source: String
    public var sourceManifest: String
    public var fromZone: String
    public var targetZone: String
    public var selection: String
    /// Members the selection keeps.
    public var selectedCount: Int
    public var reason: String
    public var requester: String
    public var state: PromotionState
    /// The policy checks as last run: at the request, then at every review, decision and execution.
    public var checks: [PolicyCheck]
    public var decisions: [PromotionApproval]
    /// Distinct people who approved.
    public var approvals: Int
    /// Approvals the lake requires for the target zone.
    public var approvalsNeeded: Int
    /// `DATASET@N` of the version built on execution.
    public var target: String?
    public var targetManifest: String?
    /// Why the last execution attempt failed.
    public var error: String?
    /// Whether the target version exists, and if not why: awaiting approval, blocked by which checks,
    /// ready, or failed with which reason.
    public var execution: PromotionExecution
    public var createdAt: Date
    public var updatedAt: Date
    /// The source version's quality score now (``QualityScoreFormula``), nil when it cannot be computed.
    public var sourceScore: Double?
}
