import Catalog
import Foundation

extension Lake {
    /// Requests promotion of the published version `reference` into `zone` (the next zone after the
    /// version's), optionally of the members `select` chooses. Needs curator or admin.
    ///
    /// The policy checks run now and are recorded with the request: a request whose checks fail is kept
    /// as `blocked` (so the attempt and its reasons stay visible) and cannot be approved until a later
    /// review finds them passing (``recheckPromotion(id:role:)``).
    ///
    /// - Throws: ``GovernanceError/alreadyPromoted(source:zone:existing:state:)`` while the version has a
    ///   pending, approved or executed promotion into `zone` (one per version and zone; a rejected or
    ///   blocked one does not count).
    public func requestPromotion(_ reference: String, to zone: String, select: String?, reason: String) throws
        -> PromotionSummary
    {
        let role = try authorize(.curate)
        let selection = try MemberSelection(select ?? "")
        let (resolved, members) = try catalog.read { tx in
            let resolved = try resolvePublished(reference, tx)
            try refuseDeprecated(datasetId: resolved.version.datasetId, tx)
            return (resolved, try publishedMembers(resolved, tx))
        }
        try authorizeDatasetRead(resolved.dataset.name, purpose: "promote.request")
        let expected = nextZone(after: resolved.manifest.zone)
        guard zone == expected else {
            throw GovernanceError.wrongTargetZone(from: resolved.manifest.zone, to: zone, expected: expected)
        }
        let selected = members.filter { selection.matches($0.entry, flags: resolved.manifest.flags) }
        guard !selected.isEmpty else {
            throw GovernanceError.invalidFilter("The selection '\(selection.text)' keeps no member of \(resolved.reference).")
        }
        let checks = try policyChecks(resolved, selected, to: zone, role: role, run: .request)
        let state: PromotionState = checks.allSatisfy(\.passed) ? .pending : .blocked
        let id = try catalog.write { tx in
            // Checked in the inserting transaction: SQLite runs one writer at a time, so two requests
            // cannot both pass; the partial unique index of the catalog backs it for live promotions.
            if let existing = try livePromotion(of: resolved.version.id ?? 0, to: zone, tx) {
                throw GovernanceError.alreadyPromoted(
                    source: resolved.reference, zone: zone, existing: existing.id ?? 0,
                    state: existing.state)
            }
            let now = Date()
            var promotion = Promotion(
                datasetId: resolved.version.datasetId, sourceVersionId: resolved.version.id ?? 0, targetZone: zone,
                selection: selection.text, reason: reason, requester: actor.user, state: state,
                checks: try Self.encodeChecks(checks), createdAt: now, updatedAt: now)
            try tx.insert(&promotion)
            let id = promotion.id ?? 0
            try appendAudit(
                tx, role: role, action: "promotion.request", target: resolved.reference,
                details: [
                    "promotion": String(id), "to": zone, "select": selection.text, "reason": reason,
                    "state": state.rawValue, "selected": String(selected.count),
                    "failed": checks.filter { !$0.passed }.map(\.code).joined(separator: ","),
                ])
            return id
        }
        return try promotion(id: id)
    }

    /// Promotions, newest first, optionally in one state; those of restricted datasets the actor may not
    /// read are left out (reads through a grant are audited).
    public func promotions(state: PromotionState? = nil) throws -> [PromotionSummary] {
        try authorize(.read)
        let summaries = try catalog.read { tx in
            try tx.promotions(state: state).map { try promotionSummary(of: $0, tx) }
        }
        let readable = try readableDatasets(Set(summaries.map(\.dataset)), purpose: "promote.list")
        return summaries.filter { readable.contains($0.dataset) }
    }

    /// One promotion with its checks and decisions (a restricted dataset's need a reading role or a grant).
    ///
    /// The checks of a promotion not decided for good run again first (``recheckPromotion(id:role:)``),
    /// so the summary tells the policy now: a flag resolved since unblocks it, a flag raised since blocks
    /// its execution. Open a decision with this call for the same reason.
    public func promotion(id: Int64) throws -> PromotionSummary {
        let role = try authorize(.read)
        let dataset = try catalog.read { tx in try promotionSummary(of: try fetchPromotion(id, tx), tx).dataset }
        try authorizeDatasetRead(dataset, purpose: "promote.show")
        try recheckPromotion(id: id, role: role)
        return try catalog.read { tx in try promotionSummary(of: try fetchPromotion(id, tx), tx) }
    }

    /// The manifest diff of a promotion: source against the built version, or (before execution) against
    /// the selection it will keep.
    public func promotionDiff(id: Int64) throws -> ManifestDiff {
        try authorize(.read)
        let (source, target, summary) = try catalog.read { tx in
            let promotion = try fetchPromotion(id, tx)
            let summary = try promotionSummary(of: promotion, tx)
            let source = try resolvePublished(summary.sourceManifest, tx)
            let target = try summary.targetManifest.map { try resolvePublished($0, tx).manifest }
            return (source, target, summary)
        }
        try authorizeDatasetRead(source.dataset.name, purpose: "promote.show")
        let after: Manifest
        if let target {
            after = target
        } else {
            let selection = try MemberSelection(summary.selection)
            var preview = source.manifest
            preview.entries = preview.entries.filter { selection.matches($0, flags: source.manifest.flags) }
            preview.zone = summary.targetZone
            after = preview
        }
        return ManifestDiff(
            source.manifest, after, fromName: summary.source, toName: summary.target ?? "selection of \(summary.source)")
    }

    /// Approves a pending promotion and returns the final outcome. The requester can never approve their
    /// own request; approvers need a role `[approval] approver_roles` lists or an `approve` grant on the
    /// dataset; one person counts once. When the approvals reach the number the target zone needs, the
    /// promotion executes; when execution fails (a blocking flag raised after the request, a source
    /// altered in place…) the promotion stays approved with the reason, the returned summary's
    /// ``PromotionSummary/execution`` says so, and ``executePromotion(id:)`` retries it.
    ///
    /// A refused decision is audited (`promotion.approve.refused`, with the reason) and rethrown.
    public func approvePromotion(id: Int64, comment: String) throws -> PromotionSummary {
        let (reachedQuorum, role) = try decide(id: id, decision: .approve, comment: comment)
        if reachedQuorum {
            // A failure is recorded on the promotion (state approved, error set) and told by the summary.
            try? execute(promotionId: id, role: role)
        }
        return try promotion(id: id)
    }

    /// Rejects a pending or blocked promotion, or an approved one whose execution failed (same rules as
    /// approving). A rejected promotion no longer holds its version and zone: it may be requested again.
    public func rejectPromotion(id: Int64, comment: String) throws -> PromotionSummary {
        _ = try decide(id: id, decision: .reject, comment: comment)
        return try promotion(id: id)
    }

    /// Executes (or retries) an approved promotion and returns the outcome. Needs curator or admin, or to
    /// be one of its approvers; the approvals it needs were given by others (four eyes) when it became
    /// approved, and every policy check runs again before anything is published.
    ///
    /// - Throws: the reason execution failed (recorded on the promotion and audited as
    ///   `promotion.execute.failed`), or why the call was refused (audited as `promotion.execute.refused`).
    public func executePromotion(id: Int64) throws -> PromotionSummary {
        let role: Role
        do {
            role = try executingRole(promotion: id)
            try catalog.read { tx in
                let promotion = try fetchPromotion(id, tx)
                try refuseDeprecated(datasetId: promotion.datasetId, tx)
                let executable: [PromotionState] = [.approved, .executed]
                guard executable.contains(promotion.state) else {
                    throw GovernanceError.wrongState(promotion: id, state: promotion.state, expected: "approved")
                }
            }
        } catch {
            auditRefusal("execute", promotion: id, error)
            throw error
        }
        try execute(promotionId: id, role: role)
        return try promotion(id: id)
    }

    /// The role the actor executes promotion `id` with: curating, or having decided on it.
    private func executingRole(promotion id: Int64) throws -> Role {
        if let curating = try? authorize(.curate) { return curating }
        let decided = try catalog.read { tx in try tx.approval(promotionId: id, approver: actor.user) }
        guard decided != nil else { throw LakeError.notPermitted(user: actor.user, permission: .curate) }
        return try authorize(.read)
    }

    // MARK: - Decisions

    /// Records one person's decision, after the promotion's checks ran again; returns whether the
    /// promotion just became approved. A refusal is audited (`promotion.approve.refused`…) and rethrown.
    private func decide(id: Int64, decision: Decision, comment: String) throws -> (Bool, Role) {
        do {
            return try recordDecision(id: id, decision: decision, comment: comment)
        } catch {
            auditRefusal(decision.rawValue, promotion: id, error)
            throw error
        }
    }

    /// Appends `promotion.OPERATION.refused` (who, which promotion, why) in a transaction of its own: the
    /// refused change rolled back. Best effort: a user who may not write the catalog gets the refusal
    /// without its record.
    private func auditRefusal(_ operation: String, promotion id: Int64, _ error: any Error) {
        try? catalog.write { tx in
            let promotion = try tx.promotion(id: id)
            let target = try promotion.flatMap { try tx.sourceReference(of: $0) } ?? "promotion \(id)"
            try appendAudit(
                tx, roleName: actorRoles.min()?.rawValue ?? "none", action: "promotion.\(operation).refused",
                target: target, details: ["promotion": String(id), "reason": String(describing: error)])
        }
    }

    private func recordDecision(id: Int64, decision: Decision, comment: String) throws -> (Bool, Role) {
        var role = try authorize(.read)
        guard !comment.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw LakeError.invalidArgument("Please give a --comment with your decision.")
        }
        try recheckPromotion(id: id, role: role)
        return try catalog.write { tx in
            var promotion = try fetchPromotion(id, tx)
            if decision == .approve { try refuseDeprecated(datasetId: promotion.datasetId, tx) }
            // An approved promotion whose execution failed may be rejected, so that the version can be
            // requested again (one live promotion per version and zone).
            let allowed: [PromotionState] = decision == .approve ? [.pending] : [.pending, .blocked, .approved]
            guard allowed.contains(promotion.state), promotion.state != .approved || promotion.error != nil
            else {
                let expected = decision == .approve ? "pending" : "pending, blocked or approved with a failed execution"
                throw GovernanceError.wrongState(promotion: id, state: promotion.state, expected: expected)
            }
            let name = try tx.datasetName(id: promotion.datasetId) ?? ""
            let decider: (role: Role, grantId: Int64?)
            do {
                decider = try fourEyesDecider(requester: promotion.requester, datasets: [name], tx)
            } catch FourEyesRefusal.ownRequest {
                throw GovernanceError.ownRequest(promotion: id, user: actor.user)
            } catch FourEyesRefusal.notApprover(let roles) {
                throw GovernanceError.notApprover(user: actor.user, roles: roles)
            }
            role = decider.role
            let grantId = decider.grantId
            let earlier = try tx.approval(promotionId: id, approver: actor.user)
            guard earlier == nil else { throw GovernanceError.alreadyDecided(promotion: id, user: actor.user) }
            let now = Date()
            var approval = PromotionApproval(
                promotionId: id, approver: actor.user, decision: decision, comment: comment, grantId: grantId,
                createdAt: now)
            try tx.insert(&approval)
            var details = ["promotion": String(id), "comment": comment]
            if let grantId { details["grant"] = String(grantId) }
            let target = try sourceReference(promotion, tx)
            try appendAudit(tx, role: role, action: "promotion.\(decision.rawValue)", target: target, details: details)

            var reachedQuorum = false
            if decision == .reject {
                promotion.state = .rejected
            } else if try tx.approverCount(promotionId: id) >= approvalsNeeded(for: promotion.targetZone) {
                promotion.state = .approved
                reachedQuorum = true
                try appendAudit(
                    tx, role: role, action: "promotion.approved", target: target,
                    details: ["promotion": String(id), "approvals": String(try tx.approverCount(promotionId: id))])
            }
            promotion.updatedAt = now
            try tx.update(promotion)
            return (reachedQuorum, role)
        }
    }

    // MARK: - Helpers

    /// The promotion of version `versionId` into `zone` that is pending, approved or executed, if any:
    /// while one exists, another request for the same version and zone is refused.
    func livePromotion(of versionId: Int64, to zone: String, _ tx: CatalogTransaction) throws -> Promotion? {
        try tx.promotion(
            versionId: versionId, zone: zone, inStates: PromotionState.holding)
    }

    func fetchPromotion(_ id: Int64, _ tx: CatalogTransaction) throws -> Promotion {
        guard let promotion = try tx.promotion(id: id) else {
            throw LakeError.notFound(kind: "promotion", id: String(id))
        }
        return promotion
    }

    func sourceReference(_ promotion: Promotion, _ tx: CatalogTransaction) throws -> String {
        try tx.sourceReference(of: promotion) ?? "version \(promotion.sourceVersionId)"
    }

    func approvalsNeeded(for zone: String) -> Int {
        switch zone {
        case "curated": max(1, configuration.approval.curatedApprovals)
        case "training": max(1, configuration.approval.trainingApprovals)
        default: 1
        }
    }

    func nextZone(after zone: String) -> String? {
        guard let index = configuration.zones.firstIndex(of: zone), index + 1 < configuration.zones.count else {
            return nil
        }
        return configuration.zones[index + 1]
    }

    static func encodeChecks(_ checks: [PolicyCheck]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(checks), as: UTF8.self)
    }

    private func promotionSummary(of promotion: Promotion, _ tx: CatalogTransaction) throws -> PromotionSummary {
        let id = promotion.id ?? 0
        let source = try tx.version(id: promotion.sourceVersionId)
        let sourceManifest = try tx.manifest(versionId: promotion.sourceVersionId)
        let dataset = try tx.dataset(id: promotion.datasetId)
        let target = try promotion.targetVersionId.flatMap { try tx.version(id: $0) }
        let checks = Self.decodeChecks(promotion.checks)
        let state = promotion.state
        let approvals = try tx.approverCount(promotionId: id)
        let targetName = target.map { "\(dataset?.name ?? "")@\($0.number)" }
        var selectedCount = 0
        if let body = sourceManifest?.body, let manifest = try? Manifest.parse(Data(body.utf8), source: "promotion"),
            let selection = try? MemberSelection(promotion.selection)
        {
            selectedCount = manifest.entries.filter { selection.matches($0, flags: manifest.flags) }.count
        }
        return PromotionSummary(
            id: id, dataset: dataset?.name ?? "", source: "\(dataset?.name ?? "")@\(source?.number ?? 0)",
            sourceManifest: sourceManifest?.hash ?? "", fromZone: sourceManifest?.zone ?? "",
            targetZone: promotion.targetZone, selection: promotion.selection, selectedCount: selectedCount,
            reason: promotion.reason, requester: promotion.requester,
            state: state, checks: checks,
            decisions: try tx.approvals(promotionId: id),
            approvals: approvals, approvalsNeeded: approvalsNeeded(for: promotion.targetZone),
            target: targetName, targetManifest: target?.manifestHash,
            error: promotion.error,
            execution: PromotionExecution(
                state: state, checks: checks, error: promotion.error, target: targetName, approvals: approvals,
                needed: approvalsNeeded(for: promotion.targetZone)),
            createdAt: promotion.createdAt, updatedAt: promotion.updatedAt,
            sourceScore: try source.map { try liveScore(of: $0, datasetName: dataset?.name ?? "", tx) })
    }
}
