import Catalog
import Foundation

extension Lake {
    /// Re-runs the review checks of promotion `id` (``PolicyCheckRun/review(recorded:)``) unless it is
    /// decided for good, and records what changed, so that what a reviewer sees is the policy now and not
    /// a snapshot from the request.
    ///
    /// The new checks replace the recorded ones. A `blocked` request whose checks all pass now is put up for
    /// review (`pending`), unless another live promotion of its version and zone came meanwhile. A pending
    /// or approved promotion whose checks fail now keeps its decisions: the failing checks block its
    /// execution (``PromotionExecution/blocked(by:)``), never the reviewers' judgment. A change of the
    /// failing checks or of the state is audited as `promotion.recheck`.
    ///
    /// A decision or an execution that wrote the promotion after the checks were read wins: the run is
    /// then dropped, and the next review runs them again.
    func recheckPromotion(id: Int64, role: Role) throws {
        let (promotion, resolved, members) = try catalog.read { tx in
            guard let promotion = try tx.promotion(id: id) else {
                throw LakeError.notFound(kind: "promotion", id: String(id))
            }
            let resolved = try resolvePublished(
                try tx.sourceReference(of: promotion) ?? "version \(promotion.sourceVersionId)", tx)
            return (promotion, resolved, try publishedMembers(resolved, tx))
        }
        let reviewable: [PromotionState] = [.pending, .blocked, .approved]
        guard reviewable.contains(promotion.state) else { return }
        let recorded = Self.decodeChecks(promotion.checks)
        let selection = try MemberSelection(promotion.selection)
        let selected = members.filter { selection.matches($0.entry, flags: resolved.manifest.flags) }
        let checks = try policyChecks(
            resolved, selected, to: promotion.targetZone, role: role, run: .review(recorded: recorded))
        let unblocks = promotion.state == .blocked && checks.allSatisfy(\.passed)
        guard checks != recorded || unblocks else { return }
        try catalog.write { tx in
            guard var current = try tx.promotion(id: id), current.state == promotion.state,
                current.checks == promotion.checks
            else { return }
            current.checks = try Self.encodeChecks(checks)
            if unblocks,
                try tx.promotion(versionId: current.sourceVersionId, zone: current.targetZone, inStates: PromotionState.holding) == nil
            {
                current.state = .pending
            }
            current.updatedAt = Date()
            try tx.update(current)
            let failedBefore = recorded.filter { !$0.passed }.map(\.code)
            let failedNow = checks.filter { !$0.passed }.map(\.code)
            guard failedBefore != failedNow || current.state != promotion.state else { return }
            try appendAudit(
                tx, role: role, action: "promotion.recheck", target: resolved.reference,
                details: [
                    "promotion": String(id), "state": current.state.rawValue,
                    "failed": failedNow.joined(separator: ","), "failed.before": failedBefore.joined(separator: ","),
                ])
        }
    }

    /// The recorded checks of a promotion; an unreadable record reads as none (execution runs every check
    /// again before it publishes anything).
    static func decodeChecks(_ text: String) -> [PolicyCheck] {
        (try? JSONDecoder().decode([PolicyCheck].self, from: Data(text.utf8))) ?? []
    }
}
