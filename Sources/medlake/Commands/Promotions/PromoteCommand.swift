import ArgumentParser
import Catalog
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
        lines.append("  \(safe(decision.approver)) \(decision.decision.rawValue)"
            + (decision.grantId.map { " (grant \($0))" } ?? "") + ": \(safe(decision.comment))")
    }
    if let target = promotion.target {
        lines.append("built \(safe(target)) manifest \(promotion.targetManifest ?? "")")
    }
    lines.append("execution: " + describe(promotion.execution))
    if promotion.state == .approved {
        lines.append("execute or retry with: medlake promote execute \(promotion.id)")
    }
    return lines.joined(separator: "\n")
}

/// The execution state in words: `failed: …`, `blocked by blocking-flags (…)`, `executed: ct@3`…
func describe(_ execution: PromotionExecution) -> String {
    switch execution {
    case .awaitingApproval(let approvals, let needed): "awaiting approval (\(approvals)/\(needed))"
    case .blocked(let checks):
        "blocked by " + checks.map { "\($0.code) (\(safe($0.detail)))" }.joined(separator: "; ")
    case .ready: "ready: approved, not executed yet"
    case .failed(let reason): "failed: \(safe(reason))"
    case .executed(let version): "executed: \(safe(version))"
    case .rejected: "rejected"
    }
}
