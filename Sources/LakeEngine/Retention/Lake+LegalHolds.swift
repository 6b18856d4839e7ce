import Catalog
import Foundation

extension Lake {
    /// Puts a legal hold on `DATASET` (every version and the draft) or `DATASET@N` (one version). Needs
    /// admin; audited. While the hold is active no object it covers is deleted by retention or moved into
    /// a tier that needs a restore.
    @discardableResult
    public func addHold(_ target: String, reason: String) throws -> LegalHoldSummary {
        let role = try authorize(.configure)
        guard !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw RetentionError.reasonRequired }
        let id = try catalog.write { tx in
            let (dataset, version) = try holdTarget(target, tx)
            var hold = LegalHold(
                datasetId: dataset.id ?? 0, versionId: version?.id, reason: reason, createdBy: actor.user,
                createdAt: Date())
            try tx.insert(&hold)
            let id = hold.id ?? 0
            try appendAudit(
                tx, role: role, action: "hold.add", target: target, details: ["hold": String(id), "reason": reason])
            return id
        }
        return try hold(id: id)
    }

    /// Releases legal hold `id`. Needs admin; audited. The hold stays listed as history.
    @discardableResult
    public func releaseHold(id: Int64, reason: String) throws -> LegalHoldSummary {
        let role = try authorize(.configure)
        guard !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw RetentionError.reasonRequired }
        try catalog.write { tx in
            guard var hold = try tx.hold(id: id) else { throw RetentionError.holdNotFound(id) }
            guard hold.isActive else { throw RetentionError.holdReleased(id) }
            hold.releasedAt = Date()
            hold.releasedBy = actor.user
            hold.releaseReason = reason
            try tx.update(hold)
            try appendAudit(
                tx, role: role, action: "hold.release", target: try holdSummary(hold, tx).target,
                details: ["hold": String(id), "reason": reason])
        }
        return try hold(id: id)
    }

    /// Legal holds, newest first: active ones only unless `includeReleased`, of one dataset when given.
    public func holds(dataset: String? = nil, includeReleased: Bool = false) throws -> [LegalHoldSummary] {
        try authorize(.read)
        return try catalog.read { tx in
            try tx.holds(
                datasetId: try dataset.map { try existingDataset(named: $0, tx).id }, includeReleased: includeReleased
            ).map { try holdSummary($0, tx) }
        }
    }

    /// One legal hold.
    public func hold(id: Int64) throws -> LegalHoldSummary {
        try authorize(.read)
        return try catalog.read { tx in
            guard let hold = try tx.hold(id: id) else { throw RetentionError.holdNotFound(id) }
            return try holdSummary(hold, tx)
        }
    }

    // MARK: - Held objects

    /// Refuses a move of `objectIds` into `tier` when the tier needs a restore and a legal hold covers any
    /// of them (lifecycle rules leave such objects out; a manual move is refused).
    func refuseLegallyHeldMove(_ objectIds: [Int64], to tier: String, _ tx: CatalogTransaction) throws {
        guard configuration.tiers[tier]?.restoreRequired == true else { return }
        let held = try tx.legallyHeldObjects()
        let covered = objectIds.filter { held[$0] != nil }
        guard !covered.isEmpty else { return }
        let holds = covered.reduce(into: Set<Int64>()) { $0.formUnion(held[$1] ?? []) }
        throw RetentionError.legallyHeld(objects: covered.count, holds: holds.sorted(), toTier: tier)
    }

    // MARK: - Helpers

    /// The dataset and (for `DATASET@N`) the version a hold names.
    private func holdTarget(_ target: String, _ tx: CatalogTransaction) throws -> (Dataset, DatasetVersion?) {
        let parts = target.split(separator: "@", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        let (dataset, datasetId) = try existingDataset(named: parts[0], tx)
        guard parts.count == 2 else { return (dataset, nil) }
        let digits = parts[1].hasPrefix("v") ? String(parts[1].dropFirst()) : parts[1]
        guard let number = Int(digits), let version = try tx.version(datasetId: datasetId, number: number) else { throw GovernanceError.versionNotFound(target) }
        return (dataset, version)
    }

    private func holdSummary(_ hold: LegalHold, _ tx: CatalogTransaction) throws -> LegalHoldSummary {
        let name = try tx.datasetName(id: hold.datasetId) ?? ""
        let number = try hold.versionId.flatMap { try tx.version(id: $0)?.number }
        let id = hold.id ?? 0
        let objects = hold.isActive ? try tx.legallyHeldObjects().values.filter { $0.contains(id) }.count : 0
        return LegalHoldSummary(
            id: id, dataset: name, version: number, reason: hold.reason, createdBy: hold.createdBy,
            createdAt: hold.createdAt, releasedBy: hold.releasedBy, releasedAt: hold.releasedAt,
            releaseReason: hold.releaseReason, objects: objects)
    }
}
