import Catalog
import Foundation

extension Lake {
    /// Gives `user` time-limited access to dataset `name` (admin only); audited with the reason.
    ///
    /// `user` must hold a role in the lake (``GovernanceError/grantWithoutRole(user:)`` otherwise): every read
    /// needs one, so a grant to someone without a role would silently do nothing. `token:NAME` names a live
    /// service token, which holds its own role. That a user is a Unix account is for the caller to check;
    /// the engine knows users only by the names roles list.
    @discardableResult
    public func grantAccess(
        user: String, dataset name: String, scope: GrantScope, lifetime: TimeInterval, reason: String
    ) throws -> AccessGrant {
        let role = try authorize(.configure)
        guard !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw LakeError.invalidArgument("Please give a --reason for the grant.")
        }
        guard lifetime > 0, lifetime <= GrantDuration.maximum else {
            throw LakeError.invalidArgument("A grant lasts more than 0 seconds and at most 90 days.")
        }
        return try catalog.write { tx in
            let now = Date()
            try requireGrantee(user, at: now, tx)
            var grant = AccessGrant(
                principal: user, datasetId: try existingDataset(named: name, tx).id, scope: scope,
                expiresAt: now.addingTimeInterval(lifetime), grantedBy: actor.user, reason: reason, createdAt: now)
            try tx.insert(&grant)
            try appendAudit(
                tx, role: role, action: "grant.create", target: name,
                details: [
                    "grant": String(grant.id ?? 0), "user": user, "scope": scope.rawValue,
                    "expires": Manifest.timestamp(grant.expiresAt), "reason": reason,
                ])
            return grant
        }
    }

    /// Checks that `principal` can hold a grant: a user with a role in `lake.toml`, or `token:NAME` for a
    /// live service token (its role is the token's), so a training Job's token reads one restricted
    /// dataset for a while without a role that reads them all.
    /// - Throws: ``GovernanceError/grantWithoutRole(user:)``; for a token, ``LakeError/notFound(kind:id:)``,
    ///   or ``LakeError/invalidArgument(_:)`` when it is revoked or expired (the caller's own token is fine:
    ///   not an authentication failure).
    private func requireGrantee(_ principal: String, at now: Date, _ tx: CatalogTransaction) throws {
        guard principal.hasPrefix(TokenCredential.actorPrefix) else {
            guard !configuration.roles(of: principal).isEmpty else { throw GovernanceError.grantWithoutRole(user: principal) }
            return
        }
        let name = String(principal.dropFirst(TokenCredential.actorPrefix.count))
        guard let token = try tx.serviceToken(named: name) else { throw LakeError.notFound(kind: "token", id: name) }
        if token.revokedAt != nil || token.expiresAt <= now {
            throw LakeError.invalidArgument(
                "token \(name) is \(token.revokedAt != nil ? "revoked" : "expired"): a grant would give it nothing")
        }
    }

    /// Grants, newest first; expired and revoked ones only when `all`.
    ///
    /// A grant on a restricted dataset (its reason, its grantee, the dataset's name) is shown only to
    /// whoever may read that dataset, to its grantee and to the person who made it: as for audit events,
    /// everyone else does not see it at all.
    public func grants(all: Bool = false) throws -> [GrantListing] {
        try authorize(.read)
        return try catalog.read { tx in
            let now = Date()
            var readable: [String: Bool] = [:]
            return try tx.grantsWithDatasets().compactMap { grant, name, sensitivity in
                let status = GrantStatus(grant, at: now)
                guard all || status == .active else { return nil }
                let restricted = sensitivity == GovernanceSettings.restrictedLabel
                if restricted, grant.principal != actor.user, grant.grantedBy != actor.user {
                    if readable[name] == nil {
                        readable[name] = (try? datasetAccess(name, needing: .read, tx)) != nil
                    }
                    guard readable[name] == true else { return nil }
                }
                return GrantListing(grant: grant, dataset: name, status: status.rawValue)
            }
        }
    }

    /// Ends a grant now (admin only).
    @discardableResult
    public func revokeGrant(id: Int64) throws -> AccessGrant {
        let role = try authorize(.configure)
        return try catalog.write { tx in
            guard var grant = try tx.grant(id: id) else {
                throw LakeError.notFound(kind: "grant", id: String(id))
            }
            guard grant.revokedAt == nil else { return grant }
            grant.revokedAt = Date()
            grant.revokedBy = actor.user
            try tx.update(grant)
            let name = try tx.datasetName(id: grant.datasetId)
            try appendAudit(
                tx, role: role, action: "grant.revoke", target: name ?? String(grant.datasetId),
                details: ["grant": String(id), "user": grant.principal])
            return grant
        }
    }

    // MARK: - Labels

    /// Sets dataset `name`'s sensitivity label and/or consent scope (comma-separated uses). Needs curator
    /// or admin; audited.
    public func labelDataset(_ name: String, sensitivity: String?, consentScope: String?) throws -> Dataset {
        let role = try authorize(.curate)
        if let sensitivity, !configuration.governance.labels.contains(sensitivity) {
            throw LakeError.invalidArgument(
                "Unknown label '\(sensitivity)'; the lake allows: \(configuration.governance.labels.joined(separator: ", ")).")
        }
        return try catalog.write { tx in
            var dataset = try existingDataset(named: name, tx).dataset
            var details: [String: String] = [:]
            if let sensitivity {
                details["sensitivity"] = "\(dataset.sensitivity) -> \(sensitivity)"
                dataset.sensitivity = sensitivity
            }
            if let consentScope {
                details["consent"] = "\(dataset.consentScope) -> \(consentScope)"
                dataset.consentScope = consentScope
            }
            try tx.update(dataset)
            try appendAudit(tx, role: role, action: "dataset.label", target: name, details: details)
            return dataset
        }
    }
}
