import Catalog
import Foundation

/// The one access check every LakeEngine entry point that reads or annotates a dataset goes through.
///
/// A dataset not labelled `restricted` needs only the caller's permission (checked by ``Lake/authorize(_:)``).
/// A restricted one also needs a role that `[governance] restricted_read_roles` lists, or a live grant
/// whose scope covers the use (`read` < `annotate`, `approve`). A use through a grant is audited as
/// `dataset.read` (or the caller's own audit event) with the grant's id and the purpose; reads once per
/// dataset and grant per session (see ``GrantedReadLog``).
extension Lake {
    /// Checks that the actor may read dataset `name` and, when that is through a grant, audits the read
    /// with the grant's id.
    @discardableResult
    public func authorizeDatasetRead(_ name: String, purpose: String) throws -> AccessBasis {
        try authorizeDataset(name, scope: .read, purpose: purpose)
    }

    /// Checks that the actor may use dataset `name` for `scope`; a use through a grant is audited with
    /// the grant's id.
    @discardableResult
    func authorizeDataset(_ name: String, scope: GrantScope, purpose: String) throws -> AccessBasis {
        let basis = try catalog.read { tx in try datasetAccess(name, needing: scope, tx) }
        if let grant = basis.grantId { try auditGrantedReads([name: grant], purpose: purpose) }
        return basis
    }

    /// The subset of datasets `names` the actor may read; reads through grants are audited. Listings
    /// use it to leave out what the actor may not see.
    func readableDatasets(_ names: Set<String>, purpose: String) throws -> Set<String> {
        var readable: Set<String> = []
        var granted: [String: Int64] = [:]
        try catalog.read { tx in
            for name in names {
                guard let basis = try? datasetAccess(name, needing: .read, tx) else { continue }
                readable.insert(name)
                if let grant = basis.grantId { granted[name] = grant }
            }
        }
        try auditGrantedReads(granted, purpose: purpose)
        return readable
    }

    /// The ids of the datasets `holding` finds that the actor may read; reads through grants are audited, as
    /// ``readableDatasets(_:purpose:)`` does. Listings that page in SQL give these ids to the catalog, so
    /// what the actor may not see is left out of the page and of its total alike.
    func readableDatasetIds(
        purpose: String, holding: (CatalogTransaction) throws -> Set<Int64>
    ) throws -> Set<Int64> {
        let ids = try catalog.read { tx in
            Dictionary(uniqueKeysWithValues: try tx.datasets(ids: try holding(tx)).compactMap { d in d.id.map { (d.name, $0) } })
        }
        return Set(try readableDatasets(Set(ids.keys), purpose: purpose).compactMap { ids[$0] })
    }

    /// Checks that the actor may read at least one of the datasets `names` holding something (an object,
    /// a UID, a sample); nothing is required when no dataset holds it.
    func authorizeAnyDatasetRead(_ names: [String], purpose: String) throws {
        guard !names.isEmpty else { return }
        let readable = try readableDatasets(Set(names), purpose: purpose)
        guard readable.isEmpty else { return }
        let name = names.sorted()[0]
        let expired = try catalog.read { tx in try tx.latestGrantId(principal: actor.user, datasetName: name) }
        throw GovernanceError.accessDenied(user: actor.user, dataset: name, expiredGrant: expired)
    }

    /// How the actor may use dataset `name` for `scope`; throws when neither a role nor a live grant allows it.
    ///
    /// A grant covering the scope is preferred for scopes beyond reading, so approving through an
    /// `approve` grant is recorded with it even on a dataset that is not restricted.
    func datasetAccess(_ name: String, needing scope: GrantScope, _ tx: CatalogTransaction) throws -> AccessBasis {
        let (dataset, datasetId) = try existingDataset(named: name, tx)
        let held = Set(actorRoles)
        let roleAllows = dataset.sensitivity != GovernanceSettings.restrictedLabel
            || configuration.governance.restrictedReadRoles.contains(where: held.contains)
        if roleAllows && scope == .read { return .role }
        let now = Date()
        let live = try tx.liveGrants(principal: actor.user, datasetId: datasetId, at: now)
        let covering = live.first { $0.scope.covers(scope) }
        if let id = covering?.id { return .grant(id) }
        if roleAllows { return .role }
        throw GovernanceError.accessDenied(
            user: actor.user, dataset: name, expiredGrant: try tx.latestGrantId(principal: actor.user, datasetName: name), scope: scope.rawValue)
    }

    /// Audits reads through grants as `dataset.read`, each dataset and grant once per session (the rule is in
    /// ``GrantedReadLog``), so redrawing a screen writes nothing after its first read.
    func auditGrantedReads(_ granted: [String: Int64], purpose: String) throws {
        let reads = granted.map { GrantedReadLog.Read(dataset: $0.key, grant: $0.value) }
        let fresh = grantedReads.claim(reads).sorted { $0.dataset < $1.dataset }
        guard !fresh.isEmpty else { return }
        do {
            try catalog.write { tx in
                for read in fresh {
                    try appendAudit(
                        tx, role: actorRoles.first ?? .annotator, action: "dataset.read", target: read.dataset,
                        details: ["grant": String(read.grant), "purpose": purpose])
                }
            }
        } catch {
            grantedReads.release(fresh)
            throw error
        }
    }
}
