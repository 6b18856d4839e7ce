import ArgumentParser
import LakeEngine

/// `medlake promote`: promotions between zones.
struct PromoteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "promote",
        abstract: "Request, review, approve and execute promotions raw → curated → training.",
        subcommands: [
            PromoteRequestCommand.self, PromoteListCommand.self, PromoteShowCommand.self, PromoteApproveCommand.self,
            PromoteRejectCommand.self, PromoteExecuteCommand.self,
        ]
    )
}

extension PromotionState: ExpressibleByArgument {}

/// The summary lines of a promotion: state, approvals, checks, decisions, outcome.
func renderPromotion(_ promotion: PromotionSummary) -> String {
    var lines = [
        "promotion \(promotion.id): \(safe(promotion.source)) \(promotion.fromZone) → \(promotion.targetZone)  "
            + "\(promotion.state.rawValue)  approvals \(promotion.approvals)/\(promotion.approvalsNeeded)",
        "  requested by \(safe(promotion.requester)) at \(promotion.createdAt.formatted(.iso8601))"
            + (promotion.reason.isEmpty ? "" : ": \(safe(promotion.reason))"),
        "  selection: \(promotion.selection.isEmpty ? "all members" : safe(promotion.selection)) (\(promotion.selectedCount) members)",
        "  source manifest \(promotion.sourceManifest)"
            + (promotion.sourceScore.map { ", quality score \($0)" } ?? ""),
        "checks:",
    ]
    for check in promotion.checks {
        lines.append("  [\(check.passed ? "pass" : "FAIL")] \(check.code): \(safe(check.detail))")
    }
    if !promotion.decisions.isEmpty { lines.append("decisions:") }
    for decision in promotion.decisions {
        lines.append("  \(safe(decision.approver)) \(decision.decision)"
            + (decision.grantId.map { " (grant \($0))" } ?? "") + ": \(safe(decision.comment))")
    }
    if let target = promotion.target {
        lines.append("built \(safe(target)) manifest \(promotion.targetManifest ?? "")")
    }
    if let error = promotion.error {
        lines.append("last execution failed: \(safe(error))")
        lines.append("retry with: medlake promote execute \(promotion.id)")
    }
    return lines.joined(separator: "\n")
}
