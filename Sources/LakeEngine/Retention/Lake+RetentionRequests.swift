import Catalog
import Foundation

extension Lake {
    /// Queues the current retention plan as one deletion request, which needs the same four-eyes approval
    /// as a promotion (``fourEyesDecider(requester:datasets:_:)``) before anything is deleted. Needs operator
    /// or admin; audited.
    ///
    /// - Throws: ``RetentionError/nothingToDelete`` when the plan is empty.
    @discardableResult
    public func requestRetentionDeletion(reason: String, now: Date) throws -> RetentionRequestSummary {
        let role = try authorize(.migrate)
        guard !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw RetentionError.reasonRequired }
        let id = try catalog.write { tx in
            let plan = try retentionPlan(now: now, tx)
            guard plan.objectCount > 0 else { throw RetentionError.nothingToDelete }
            var request = RetentionRequest(requester: actor.user, reason: reason, state: .pending, createdAt: Date())
            try tx.insert(&request)
            let id = request.id ?? 0
            for group in plan.deletions {
                for objectId in group.objectIds {
                    var item = RetentionItem(
                        requestId: id, objectId: objectId, rule: group.rule,
                        datasets: try tx.datasetNames(referencingObject: objectId).joined(separator: ","),
                        state: .pending)
                    try tx.insert(&item)
                }
            }
            try appendAudit(
                tx, role: role, action: "retention.request", target: "deletion \(id)",
                details: [
                    "request": String(id), "reason": reason, "objects": String(plan.objectCount),
                    "bytes": String(plan.byteCount), "rules": Set(plan.deletions.map(\.rule)).sorted().joined(separator: ","),
                ])
            return id
        }
        return try retentionRequest(id: id)
    }

    /// Deletion requests, newest first, optionally in one state.
    func retentionRequests(state: RetentionRequest.State?) throws -> [RetentionRequestSummary] {
        try authorize(.read)
        return try catalog.read { tx in
            try tx.retentionRequests(state: state).map { try retentionSummary($0, tx) }
        }
    }

    /// One deletion request.
    public func retentionRequest(id: Int64) throws -> RetentionRequestSummary {
        try authorize(.read)
        return try catalog.read { tx in try retentionSummary(try fetchRetentionRequest(id, tx), tx) }
    }

    /// Approves a pending deletion request (four-eyes: never the requester; an approver role or an
    /// `approve` grant on every dataset it covers; one person counts once). When the approvals reach
    /// ``retentionApprovalsNeeded``, the catalog switches every object still free to go to `deleted`, with
    /// its tombstone, in the transaction that records the last approval; then the bytes are removed
    /// (``executeRetention(id:)`` finishes what a failure leaves).
    @discardableResult
    public func approveRetentionDeletion(id: Int64, comment: String) async throws -> RetentionRequestSummary {
        if try decideRetention(id: id, decision: .approve, comment: comment) {
            // A failure is recorded on the request (state deleting, error set) and retried by execute.
            _ = try? await executeRetention(id: id)
        }
        return try retentionRequest(id: id)
    }

    /// Rejects a pending deletion request (same rules as approving); nothing is deleted.
    @discardableResult
    public func rejectRetentionDeletion(id: Int64, comment: String) throws -> RetentionRequestSummary {
        _ = try decideRetention(id: id, decision: .reject, comment: comment)
        return try retentionRequest(id: id)
    }

    /// Approvals a deletion needs: `[approval] curated_approvals`, at least one besides the requester.
    public var retentionApprovalsNeeded: Int { max(1, configuration.approval.curatedApprovals) }

    // MARK: - Decisions

    /// Records one person's decision; returns whether the request just reached its approvals (and the
    /// catalog switched its objects to deleted).
    private func decideRetention(id: Int64, decision: Decision, comment: String) throws -> Bool {
        try authorize(.read)
        guard !comment.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw RetentionError.reasonRequired }
        return try catalog.write { tx in
            var request = try fetchRetentionRequest(id, tx)
            guard request.state == .pending else {
                throw RetentionError.wrongState(request: id, state: request.state, expected: [.pending])
            }
            let items = try tx.retentionItems(requestId: id)
            let datasets = Set(items.flatMap { $0.datasets.split(separator: ",").map(String.init) }).sorted()
            let decider: (role: Role, grantId: Int64?)
            do {
                decider = try fourEyesDecider(requester: request.requester, datasets: datasets, tx)
            } catch FourEyesRefusal.ownRequest {
                throw RetentionError.ownRequest(request: id, user: actor.user)
            } catch FourEyesRefusal.notApprover(let roles) {
                throw RetentionError.notApprover(user: actor.user, roles: roles)
            }
            guard try tx.retentionDecision(requestId: id, approver: actor.user) == nil else { throw RetentionError.alreadyDecided(request: id, user: actor.user) }
            let now = Date()
            var approval = RetentionApproval(
                requestId: id, approver: actor.user, decision: decision, comment: comment, grantId: decider.grantId,
                createdAt: now)
            try tx.insert(&approval)
            var details = ["request": String(id), "comment": comment]
            if let grantId = decider.grantId { details["grant"] = String(grantId) }
            try appendAudit(
                tx, role: decider.role, action: "retention.\(decision.rawValue)", target: "deletion \(id)",
                details: details)

            var reachedQuorum = false
            if decision == .reject {
                request.state = .rejected
            } else if try tx.retentionDecisions(requestId: id, approvalsOnly: true).count >= retentionApprovalsNeeded {
                try switchToDeleted(request, items: items, role: decider.role, tx)
                request.state = .deleting
                reachedQuorum = true
            }
            request.updatedAt = now
            try tx.update(request)
            return reachedQuorum
        }
    }

    /// Marks every item still free to go `deleted` with its tombstone, and keeps (with a note) those a hold,
    /// a new reference from another dataset, or a migration now covers. Runs inside the approval's write.
    private func switchToDeleted(_ request: RetentionRequest, items: [RetentionItem], role: Role, _ tx: CatalogTransaction) throws {
        let id = request.id ?? 0
        let held = try tx.legallyHeldObjects()
        let busy = try tx.objectIdsInActiveJobs()
        let approvers = try tx.retentionDecisions(requestId: id, approvalsOnly: true).map(\.approver)
        let now = Date()
        var deleted = 0
        var kept = 0
        for var item in items where item.state == .pending {
            let planned = Set(item.datasets.split(separator: ",").map(String.init))
            let referencing = Set(try tx.datasetNames(referencingObject: item.objectId))
            if let holds = held[item.objectId] {
                item.state = .kept
                item.note = "under legal hold " + holds.sorted().map { "#\($0)" }.joined(separator: ", ")
            } else if !referencing.isSubset(of: planned) {
                item.state = .kept
                item.note = "now also referenced by " + referencing.subtracting(planned).sorted().joined(separator: ", ")
            } else if busy.contains(item.objectId) {
                item.state = .kept
                item.note = "moving between tiers"
            } else if let object = try tx.object(id: item.objectId), object.state != .deleted {
                var tombstone = RetentionTombstone(
                    objectId: item.objectId, sha256: object.sha256, requestId: id, rule: item.rule,
                    requestedBy: request.requester, approvers: approvers.joined(separator: ","), deletedAt: now)
                try tx.entomb(&tombstone)
                item.state = .deleted
            } else {
                item.state = .kept
                item.note = "no longer in the catalog"
            }
            if item.state == .deleted { deleted += 1 } else { kept += 1 }
            try tx.update(item)
        }
        try appendAudit(
            tx, role: role, action: "retention.approved", target: "deletion \(id)",
            details: [
                "request": String(id), "approvals": approvers.joined(separator: ","), "deleted": String(deleted),
                "kept": String(kept),
            ])
    }

    // MARK: - Helpers

    func fetchRetentionRequest(_ id: Int64, _ tx: CatalogTransaction) throws -> RetentionRequest {
        guard let request = try tx.retentionRequest(id: id) else {
            throw LakeError.notFound(kind: "deletion request", id: String(id))
        }
        return request
    }

    private func retentionSummary(_ request: RetentionRequest, _ tx: CatalogTransaction) throws
        -> RetentionRequestSummary
    {
        let id = request.id ?? 0
        let items = try tx.retentionItems(requestId: id)
        let bytes = try tx.retentionBytes(requestId: id)
        let objectsLeft = try tx.tombstonesLeft(requestId: id)
        let decisions = try tx.retentionDecisions(requestId: id)
        return RetentionRequestSummary(
            id: id, requester: request.requester, reason: request.reason, state: request.state,
            pending: items.filter { $0.state == .pending }.count, deleted: items.filter { $0.state == .deleted }.count,
            kept: items.filter { $0.state == .kept }.count, objectsLeft: objectsLeft, bytes: bytes,
            rules: Set(items.map(\.rule)).sorted(),
            datasets: Set(items.flatMap { $0.datasets.split(separator: ",").map(String.init) }).sorted(),
            decisions: decisions.map(RetentionDecisionSummary.init),
            approvals: decisions.filter { $0.decision == .approve }.count, approvalsNeeded: retentionApprovalsNeeded,
            error: request.error, createdAt: request.createdAt, updatedAt: request.updatedAt)
    }
}
