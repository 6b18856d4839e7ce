import Catalog
import Foundation
import GRDB

extension Lake {
    /// Queues the current retention plan as one deletion request, which needs the same four-eyes approval
    /// as a promotion (``fourEyesDecider(requester:datasets:_:)``) before anything is deleted. Needs operator
    /// or admin; audited.
    ///
    /// - Throws: ``RetentionError/nothingToDelete`` when the plan is empty.
    @discardableResult
    public func requestRetentionDeletion(reason: String, now: Date = Date()) throws -> RetentionRequestSummary {
        let role = try authorize(.migrate)
        guard !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw RetentionError.reasonRequired }
        let id = try catalog.pool.write { db in
            let plan = try retentionPlan(now: now, db)
            guard plan.objectCount > 0 else { throw RetentionError.nothingToDelete }
            var request = RetentionRequest(requester: actor.user, reason: reason, state: .pending, createdAt: Date())
            try request.insert(db)
            let id = request.id ?? 0
            for group in plan.deletions {
                for objectId in group.objectIds {
                    var item = RetentionItem(
                        requestId: id, objectId: objectId, rule: group.rule,
                        datasets: try datasetNames(referencing: objectId, db).joined(separator: ","), state: .pending)
                    try item.insert(db)
                }
            }
            try appendAudit(
                CatalogTransaction(unmoved: db), role: role, action: "retention.request", target: "deletion \(id)",
                details: [
                    "request": String(id), "reason": reason, "objects": String(plan.objectCount),
                    "bytes": String(plan.byteCount), "rules": Set(plan.deletions.map(\.rule)).sorted().joined(separator: ","),
                ])
            return id
        }
        return try retentionRequest(id: id)
    }

    /// Deletion requests, newest first, optionally in one state.
    public func retentionRequests(state: RetentionRequest.State? = nil) throws -> [RetentionRequestSummary] {
        try authorize(.read)
        return try catalog.reader.read { db in
            var request = RetentionRequest.order(RetentionRequest.Columns.id.desc)
            if let state { request = request.filter(RetentionRequest.Columns.state == state.rawValue) }
            return try request.fetchAll(db).map { try retentionSummary($0, db) }
        }
    }

    /// One deletion request.
    public func retentionRequest(id: Int64) throws -> RetentionRequestSummary {
        try authorize(.read)
        return try catalog.reader.read { db in try retentionSummary(try fetchRetentionRequest(id, db), db) }
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
    private func decideRetention(id: Int64, decision: RetentionApproval.Decision, comment: String) throws -> Bool {
        try authorize(.read)
        guard !comment.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw RetentionError.reasonRequired }
        return try catalog.pool.write { db in
            var request = try fetchRetentionRequest(id, db)
            guard request.state == .pending else {
                throw RetentionError.wrongState(request: id, state: request.state, expected: [.pending])
            }
            let items = try RetentionItem.filter(RetentionItem.Columns.requestId == id).fetchAll(db)
            let datasets = Set(items.flatMap { $0.datasets.split(separator: ",").map(String.init) }).sorted()
            let decider: (role: Role, grantId: Int64?)
            do {
                decider = try fourEyesDecider(requester: request.requester, datasets: datasets, CatalogTransaction(unmoved: db))
            } catch FourEyesRefusal.ownRequest {
                throw RetentionError.ownRequest(request: id, user: actor.user)
            } catch FourEyesRefusal.notApprover(let roles) {
                throw RetentionError.notApprover(user: actor.user, roles: roles)
            }
            let earlier = try RetentionApproval.filter(
                RetentionApproval.Columns.requestId == id && RetentionApproval.Columns.approver == actor.user
            ).fetchOne(db)
            guard earlier == nil else { throw RetentionError.alreadyDecided(request: id, user: actor.user) }
            let now = Date()
            var approval = RetentionApproval(
                requestId: id, approver: actor.user, decision: decision, comment: comment, grantId: decider.grantId,
                createdAt: now)
            try approval.insert(db)
            var details = ["request": String(id), "comment": comment]
            if let grantId = decider.grantId { details["grant"] = String(grantId) }
            try appendAudit(
                CatalogTransaction(unmoved: db), role: decider.role, action: "retention.\(decision.rawValue)", target: "deletion \(id)", details: details)

            var reachedQuorum = false
            if decision == .reject {
                request.state = .rejected
            } else if try retentionApprovalCount(id, db) >= retentionApprovalsNeeded {
                try switchToDeleted(request, items: items, role: decider.role, db)
                request.state = .deleting
                reachedQuorum = true
            }
            request.updatedAt = now
            try request.update(db)
            return reachedQuorum
        }
    }

    /// Marks every item still free to go `deleted` with its tombstone, and keeps (with a note) those a hold,
    /// a new reference from another dataset, or a migration now covers. Runs inside the approval's write.
    private func switchToDeleted(_ request: RetentionRequest, items: [RetentionItem], role: Role, _ db: Database) throws {
        let id = request.id ?? 0
        let held = try legallyHeldObjects(db)
        let busy = try objectsInActiveJobs(db)
        let approvers = try RetentionApproval.filter(
            RetentionApproval.Columns.requestId == id && RetentionApproval.Columns.decision == RetentionApproval.Decision.approve.rawValue
        ).order(RetentionApproval.Columns.id).fetchAll(db).map(\.approver)
        let now = Date()
        var deleted = 0
        var kept = 0
        for var item in items where item.state == .pending {
            let planned = Set(item.datasets.split(separator: ",").map(String.init))
            let referencing = Set(try datasetNames(referencing: item.objectId, db))
            if let holds = held[item.objectId] {
                item.state = .kept
                item.note = "under legal hold " + holds.sorted().map { "#\($0)" }.joined(separator: ", ")
            } else if !referencing.isSubset(of: planned) {
                item.state = .kept
                item.note = "now also referenced by " + referencing.subtracting(planned).sorted().joined(separator: ", ")
            } else if busy.contains(item.objectId) {
                item.state = .kept
                item.note = "moving between tiers"
            } else if let object = try CatalogObject.fetchOne(db, key: item.objectId), object.state != "deleted" {
                // An object re-ingested after an earlier deletion keeps only its latest tombstone (the audit
                // log keeps both deletions).
                try RetentionTombstone.filter(RetentionTombstone.Columns.objectId == item.objectId).deleteAll(db)
                var tombstone = RetentionTombstone(
                    objectId: item.objectId, sha256: object.sha256, requestId: id, rule: item.rule,
                    requestedBy: request.requester, approvers: approvers.joined(separator: ","), deletedAt: now)
                try tombstone.insert(db)
                try db.execute(sql: "UPDATE object SET state = 'deleted' WHERE id = ?", arguments: [item.objectId])
                item.state = .deleted
            } else {
                item.state = .kept
                item.note = "no longer in the catalog"
            }
            if item.state == .deleted { deleted += 1 } else { kept += 1 }
            try item.update(db)
        }
        try appendAudit(
            CatalogTransaction(unmoved: db), role: role, action: "retention.approved", target: "deletion \(id)",
            details: [
                "request": String(id), "approvals": approvers.joined(separator: ","), "deleted": String(deleted),
                "kept": String(kept),
            ])
    }

    // MARK: - Helpers

    func fetchRetentionRequest(_ id: Int64, _ db: Database) throws -> RetentionRequest {
        guard let request = try RetentionRequest.fetchOne(db, key: id) else {
            throw LakeError.notFound(kind: "deletion request", id: String(id))
        }
        return request
    }

    /// The names of the datasets whose files or versions reference the object.
    private func datasetNames(referencing objectId: Int64, _ db: Database) throws -> [String] {
        try String.fetchAll(
            db,
            sql: """
                SELECT d.name FROM dataset d WHERE d.id IN (
                    SELECT datasetId FROM datasetFile WHERE objectId = ?
                    UNION SELECT v.datasetId FROM versionEntry e JOIN datasetVersion v ON v.id = e.versionId
                    WHERE e.objectId = ?)
                ORDER BY d.name
                """,
            arguments: [objectId, objectId])
    }

    private func retentionApprovalCount(_ id: Int64, _ db: Database) throws -> Int {
        try RetentionApproval.filter(
            RetentionApproval.Columns.requestId == id && RetentionApproval.Columns.decision == RetentionApproval.Decision.approve.rawValue
        ).fetchCount(db)
    }

    private func retentionSummary(_ request: RetentionRequest, _ db: Database) throws -> RetentionRequestSummary {
        let id = request.id ?? 0
        let items = try RetentionItem.filter(RetentionItem.Columns.requestId == id).fetchAll(db)
        let bytes = try Int64.fetchOne(
            db, sql: "SELECT COALESCE(SUM(o.size), 0) FROM retentionItem i JOIN object o ON o.id = i.objectId WHERE i.requestId = ?",
            arguments: [id]) ?? 0
        let objectsLeft = try RetentionTombstone.filter(
            RetentionTombstone.Columns.requestId == id && RetentionTombstone.Columns.bytesRemoved == false
        ).fetchCount(db)
        return RetentionRequestSummary(
            id: id, requester: request.requester, reason: request.reason, state: request.state,
            pending: items.filter { $0.state == .pending }.count, deleted: items.filter { $0.state == .deleted }.count,
            kept: items.filter { $0.state == .kept }.count, objectsLeft: objectsLeft, bytes: bytes,
            rules: Set(items.map(\.rule)).sorted(),
            datasets: Set(items.flatMap { $0.datasets.split(separator: ",").map(String.init) }).sorted(),
            decisions: try RetentionApproval.filter(RetentionApproval.Columns.requestId == id)
                .order(RetentionApproval.Columns.id).fetchAll(db),
            approvals: try retentionApprovalCount(id, db), approvalsNeeded: retentionApprovalsNeeded,
            error: request.error, createdAt: request.createdAt, updatedAt: request.updatedAt)
    }
}
