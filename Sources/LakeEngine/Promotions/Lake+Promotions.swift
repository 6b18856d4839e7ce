import Catalog
import Foundation
import GRDB

extension Lake {
    /// Requests promotion of the published version `reference` into `zone` (the next zone after the
    /// version's), optionally of the members `select` chooses. Needs curator or admin.
    ///
    /// The policy checks run now and are recorded with the request: a request whose checks fail is kept
    /// as `blocked` (so the attempt and its reasons stay visible) and cannot be approved.
    ///
    /// - Throws: ``GovernanceError/alreadyPromoted(source:zone:existing:state:)`` while the version has a
    ///   pending, approved or executed promotion into `zone` (one per version and zone; a rejected or
    ///   blocked one does not count).
    public func requestPromotion(_ reference: String, to zone: String, select: String?, reason: String) throws
        -> PromotionSummary
    {
        let role = try authorize(.curate)
        let selection = try MemberSelection(select ?? "")
        let (resolved, members) = try catalog.reader.read { db in
            let resolved = try resolvePublished(reference, CatalogTransaction(unmoved: db))
            try refuseDeprecated(datasetId: resolved.version.datasetId, CatalogTransaction(unmoved: db))
            return (resolved, try publishedMembers(resolved, CatalogTransaction(unmoved: db)))
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
        let checks = try policyChecks(resolved, selected, to: zone, role: role, dryRunDeidentification: true)
        let state: PromotionState = checks.allSatisfy(\.passed) ? .pending : .blocked
        let id = try catalog.pool.write { db in
            // Checked in the inserting transaction: SQLite runs one writer at a time, so two requests
            // cannot both pass; the partial unique index of the catalog backs it for live promotions.
            if let existing = try livePromotion(of: resolved.version.id ?? 0, to: zone, db) {
                throw GovernanceError.alreadyPromoted(
                    source: resolved.reference, zone: zone, existing: existing.id ?? 0,
                    state: PromotionState(rawValue: existing.state) ?? .pending)
            }
            let now = Date()
            var promotion = Promotion(
                datasetId: resolved.version.datasetId, sourceVersionId: resolved.version.id ?? 0, targetZone: zone,
                selection: selection.text, reason: reason, requester: actor.user, state: state.rawValue,
                checks: try Self.encodeChecks(checks), createdAt: now, updatedAt: now)
            try promotion.insert(db)
            let id = promotion.id ?? 0
            try appendAudit(
                CatalogTransaction(unmoved: db), role: role, action: "promotion.request", target: resolved.reference,
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
        let summaries = try catalog.reader.read { db in
            var request = Promotion.order(Promotion.Columns.id.desc)
            if let state { request = request.filter(Promotion.Columns.state == state.rawValue) }
            return try request.fetchAll(db).map { try promotionSummary(of: $0, db) }
        }
        let readable = try readableDatasets(Set(summaries.map(\.dataset)), purpose: "promote.list")
        return summaries.filter { readable.contains($0.dataset) }
    }

    /// One promotion with its checks and decisions (a restricted dataset's need a reading role or a grant).
    public func promotion(id: Int64) throws -> PromotionSummary {
        try authorize(.read)
        let summary = try catalog.reader.read { db in try promotionSummary(of: try fetchPromotion(id, db), db) }
        try authorizeDatasetRead(summary.dataset, purpose: "promote.show")
        return summary
    }

    /// The manifest diff of a promotion: source against the built version, or (before execution) against
    /// the selection it will keep.
    public func promotionDiff(id: Int64) throws -> ManifestDiff {
        try authorize(.read)
        let (source, target, summary) = try catalog.reader.read { db in
            let promotion = try fetchPromotion(id, db)
            let summary = try promotionSummary(of: promotion, db)
            let source = try resolvePublished(summary.sourceManifest, CatalogTransaction(unmoved: db))
            let target = try summary.targetManifest.map { try resolvePublished($0, CatalogTransaction(unmoved: db)).manifest }
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

    /// Approves a pending promotion. The requester can never approve their own request; approvers need a
    /// role `[approval] approver_roles` lists or an `approve` grant on the dataset; one person counts
    /// once. When the approvals reach the number the target zone needs, the promotion executes; if
    /// execution fails the promotion stays approved with the error, to be retried with
    /// ``executePromotion(id:)``.
    public func approvePromotion(id: Int64, comment: String) throws -> PromotionSummary {
        let (reachedQuorum, role) = try decide(id: id, decision: "approve", comment: comment)
        if reachedQuorum {
            // A failure is recorded on the promotion (state approved, error set) and shown by the summary.
            try? execute(promotionId: id, role: role)
        }
        return try promotion(id: id)
    }

    /// Rejects a pending or blocked promotion, or an approved one whose execution failed (same rules as
    /// approving). A rejected promotion no longer holds its version and zone: it may be requested again.
    public func rejectPromotion(id: Int64, comment: String) throws -> PromotionSummary {
        _ = try decide(id: id, decision: "reject", comment: comment)
        return try promotion(id: id)
    }

    /// Executes (or retries) an approved promotion. Needs curator or admin, or to be one of its approvers.
    public func executePromotion(id: Int64) throws -> PromotionSummary {
        let role: Role
        if let curating = try? authorize(.curate) {
            role = curating
        } else {
            let decided = try catalog.reader.read { db in
                try PromotionApproval.filter(
                    PromotionApproval.Columns.promotionId == id && PromotionApproval.Columns.approver == actor.user
                ).fetchOne(db)
            }
            guard decided != nil else { throw LakeError.notPermitted(user: actor.user, permission: .curate) }
            role = try authorize(.read)
        }
        try execute(promotionId: id, role: role)
        return try promotion(id: id)
    }

    // MARK: - Decisions

    /// Records one person's decision; returns whether the promotion just became approved.
    private func decide(id: Int64, decision: String, comment: String) throws -> (Bool, Role) {
        var role = try authorize(.read)
        guard !comment.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw LakeError.invalidArgument("Please give a --comment with your decision.")
        }
        return try catalog.pool.write { db in
            var promotion = try fetchPromotion(id, db)
            if decision == "approve" { try refuseDeprecated(datasetId: promotion.datasetId, CatalogTransaction(unmoved: db)) }
            // An approved promotion whose execution failed may be rejected, so that the version can be
            // requested again (one live promotion per version and zone).
            let allowed: [PromotionState] = decision == "approve" ? [.pending] : [.pending, .blocked, .approved]
            guard let state = PromotionState(rawValue: promotion.state), allowed.contains(state),
                state != .approved || promotion.error != nil
            else {
                let expected = decision == "approve" ? "pending" : "pending, blocked or approved with a failed execution"
                throw GovernanceError.wrongState(promotion: id, state: promotion.state, expected: expected)
            }
            let name = try String.fetchOne(db, sql: "SELECT name FROM dataset WHERE id = ?", arguments: [promotion.datasetId]) ?? ""
            let decider: (role: Role, grantId: Int64?)
            do {
                decider = try fourEyesDecider(requester: promotion.requester, datasets: [name], CatalogTransaction(unmoved: db))
            } catch FourEyesRefusal.ownRequest {
                throw GovernanceError.ownRequest(promotion: id, user: actor.user)
            } catch FourEyesRefusal.notApprover(let roles) {
                throw GovernanceError.notApprover(user: actor.user, roles: roles)
            }
            role = decider.role
            let grantId = decider.grantId
            let earlier = try PromotionApproval.filter(
                PromotionApproval.Columns.promotionId == id && PromotionApproval.Columns.approver == actor.user
            ).fetchOne(db)
            guard earlier == nil else { throw GovernanceError.alreadyDecided(promotion: id, user: actor.user) }
            let now = Date()
            var approval = PromotionApproval(
                promotionId: id, approver: actor.user, decision: decision, comment: comment, grantId: grantId,
                createdAt: now)
            try approval.insert(db)
            var details = ["promotion": String(id), "comment": comment]
            if let grantId { details["grant"] = String(grantId) }
            let target = try sourceReference(promotion, db)
            try appendAudit(CatalogTransaction(unmoved: db), role: role, action: "promotion.\(decision)", target: target, details: details)

            var reachedQuorum = false
            if decision == "reject" {
                promotion.state = PromotionState.rejected.rawValue
            } else if try approvalCount(id, db) >= approvalsNeeded(for: promotion.targetZone) {
                promotion.state = PromotionState.approved.rawValue
                reachedQuorum = true
                try appendAudit(
                    CatalogTransaction(unmoved: db), role: role, action: "promotion.approved", target: target,
                    details: ["promotion": String(id), "approvals": String(try approvalCount(id, db))])
            }
            promotion.updatedAt = now
            try promotion.update(db)
            return (reachedQuorum, role)
        }
    }

    // MARK: - Helpers

    /// The promotion of version `versionId` into `zone` that is pending, approved or executed, if any:
    /// while one exists, another request for the same version and zone is refused.
    func livePromotion(of versionId: Int64, to zone: String, _ db: Database) throws -> Promotion? {
        let holding: [PromotionState] = [.pending, .approved, .executed]
        return try Promotion.filter(
            Promotion.Columns.sourceVersionId == versionId && Promotion.Columns.targetZone == zone
                && holding.map(\.rawValue).contains(Promotion.Columns.state)
        ).order(Promotion.Columns.id).fetchOne(db)
    }

    func fetchPromotion(_ id: Int64, _ db: Database) throws -> Promotion {
        guard let promotion = try Promotion.fetchOne(db, key: id) else {
            throw LakeError.notFound(kind: "promotion", id: String(id))
        }
        return promotion
    }

    func sourceReference(_ promotion: Promotion, _ db: Database) throws -> String {
        let row = try Row.fetchOne(
            db,
            sql: "SELECT d.name, v.number FROM datasetVersion v JOIN dataset d ON d.id = v.datasetId WHERE v.id = ?",
            arguments: [promotion.sourceVersionId])
        guard let row else { return "version \(promotion.sourceVersionId)" }
        return "\(row[0] as String)@\(row[1] as Int)"
    }

    private func approvalCount(_ id: Int64, _ db: Database) throws -> Int {
        try Int.fetchOne(
            db, sql: "SELECT COUNT(DISTINCT approver) FROM promotionApproval WHERE promotionId = ? AND decision = 'approve'",
            arguments: [id]) ?? 0
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

    private func promotionSummary(of promotion: Promotion, _ db: Database) throws -> PromotionSummary {
        let id = promotion.id ?? 0
        let source = try DatasetVersion.fetchOne(db, key: promotion.sourceVersionId)
        let sourceManifest = try VersionManifest.filter(VersionManifest.Columns.versionId == promotion.sourceVersionId)
            .fetchOne(db)
        let dataset = try Dataset.fetchOne(db, key: promotion.datasetId)
        let target = try promotion.targetVersionId.flatMap { try DatasetVersion.fetchOne(db, key: $0) }
        let checks = (try? JSONDecoder().decode([PolicyCheck].self, from: Data(promotion.checks.utf8))) ?? []
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
            state: PromotionState(rawValue: promotion.state) ?? .pending, checks: checks,
            decisions: try PromotionApproval.filter(PromotionApproval.Columns.promotionId == id)
                .order(PromotionApproval.Columns.id).fetchAll(db),
            approvals: try approvalCount(id, db), approvalsNeeded: approvalsNeeded(for: promotion.targetZone),
            target: target.map { "\(dataset?.name ?? "")@\($0.number)" }, targetManifest: target?.manifestHash,
            error: promotion.error, createdAt: promotion.createdAt, updatedAt: promotion.updatedAt,
            sourceScore: try source.map { try liveScore(of: $0, datasetName: dataset?.name ?? "", CatalogTransaction(unmoved: db)) })
    }
}
