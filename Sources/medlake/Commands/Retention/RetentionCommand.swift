import ArgumentParser
import Catalog
import LakeEngine

/// `medlake retention`: what the retention policies let go, and deletions with four-eyes approval.
struct RetentionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retention",
        abstract: "Plan, request, approve and execute deletions by retention policy.",
        subcommands: [
            RetentionPlanCommand.self, RetentionApplyCommand.self, RetentionListCommand.self,
            RetentionApproveCommand.self, RetentionRejectCommand.self, RetentionExecuteCommand.self,
            RetentionStatusCommand.self, RetentionOverrideCommand.self,
        ]
    )
}

extension RetentionRequest.State: ExpressibleByArgument {}

/// The summary lines of a deletion request: state, approvals, objects, decisions, outcome.
func renderRetentionRequest(_ request: RetentionRequestSummary) -> String {
    var lines = [
        "deletion \(request.id): \(request.state.rawValue)  approvals \(request.approvals)/\(request.approvalsNeeded)",
        "  requested by \(safe(request.requester)) at \(request.createdAt.formatted(.iso8601)): \(safe(request.reason))",
        "  rules \(request.rules.map(safe).joined(separator: ", ")); datasets \(request.datasets.map(safe).joined(separator: ", "))",
        "  objects: \(request.pending) pending, \(request.deleted) deleted, \(request.kept) kept; \(byteCount(request.bytes))",
    ]
    if !request.decisions.isEmpty { lines.append("decisions:") }
    for decision in request.decisions {
        lines.append("  \(safe(decision.approver)) \(decision.decision.rawValue)"
            + (decision.grantId.map { " (grant \($0))" } ?? "") + ": \(safe(decision.comment))")
    }
    if request.objectsLeft > 0 {
        lines.append("\(request.objectsLeft) deleted object(s) still hold bytes; finish with: medlake retention execute \(request.id)")
    }
    if let error = request.error { lines.append("last execution failed: \(safe(error))") }
    return lines.joined(separator: "\n")
}
