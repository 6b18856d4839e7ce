import Catalog
import Foundation
import GRDB

extension Lake {
    /// Puts a legal hold on `DATASET` (every version and the draft) or `DATASET@N` (one version). Needs
    /// admin; audited. While the hold is active no object it covers is deleted by retention or moved into
    /// a tier that needs a restore.
    @discardableResult
    public func addHold(_ target: String, reason: String) throws -> LegalHoldSummary {
        let role = try authorize(.configure)
        guard !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw RetentionError.reasonRequired }
        let id = try catalog.pool.write { db in
            let (dataset, version) = try holdTarget(target, db)
            var hold = LegalHold(
                datasetId: dataset.id ?? 0, versionId: version?.id, reason: reason, createdBy: actor.user,
                createdAt: Date())
            try hold.insert(db)
            let id = hold.id ?? 0
            try appendAudit(
                CatalogTransaction(unmoved: db), role: role, action: "hold.add", target: target, details: ["hold": String(id), "reason": reason])
            return id
        }
        return try hold(id: id)
    }

    /// Releases legal hold `id`. Needs admin; audited. The hold stays listed as history.
    @discardableResult
    public func releaseHold(id: Int64, reason: String) throws -> LegalHoldSummary {
        let role = try authorize(.configure)
        guard !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw RetentionError.reasonRequired }
        try catalog.pool.write { db in
            guard var hold = try LegalHold.fetchOne(db, key: id) else { throw RetentionError.holdNotFound(id) }
            guard hold.isActive else { throw RetentionError.holdReleased(id) }
            hold.releasedAt = Date()
            hold.releasedBy = actor.user
            hold.releaseReason = reason
            try hold.update(db)
            try appendAudit(
                CatalogTransaction(unmoved: db), role: role, action: "hold.release", target: try holdSummary(hold, db).target,
                details: ["hold": String(id), "reason": reason])
        }
        return try hold(id: id)
    }

    /// Legal holds, newest first: active ones only unless `includeReleased`, of one dataset when given.
    public func holds(dataset: String? = nil, includeReleased: Bool = false) throws -> [LegalHoldSummary] {
        try authorize(.read)
        return try catalog.reader.read { db in
            var request = LegalHold.order(LegalHold.Columns.id.desc)
            if !includeReleased { request = request.filter(LegalHold.Columns.releasedAt == nil) }
            if let dataset { request = request.filter(LegalHold.Columns.datasetId == (try existingDataset(named: dataset, CatalogTransaction(unmoved: db)).id)) }
            return try request.fetchAll(db).map { try holdSummary($0, db) }
        }
    }

    /// One legal hold.
    public func hold(id: Int64) throws -> LegalHoldSummary {
        try authorize(.read)
        return try catalog.reader.read { db in
            guard let hold = try LegalHold.fetchOne(db, key: id) else { throw RetentionError.holdNotFound(id) }
            return try holdSummary(hold, db)
        }
    }

    // MARK: - Held objects

    /// Every object an active legal hold covers, with the holds covering it.
    ///
    /// A dataset hold covers the dataset's files and every version's entries; a version hold covers that
    /// version's entries (or, for the draft, the dataset's files).
    func legallyHeldObjects(_ db: Database) throws -> [Int64: Set<Int64>] {
        let rows = try Row.fetchAll(
            db,
            sql: """
                WITH h AS (SELECT id, datasetId, versionId FROM legalHold WHERE releasedAt IS NULL)
                SELECT f.objectId, h.id FROM h JOIN datasetFile f ON f.datasetId = h.datasetId
                WHERE h.versionId IS NULL
                UNION SELECT e.objectId, h.id FROM h JOIN datasetVersion v ON v.datasetId = h.datasetId
                JOIN versionEntry e ON e.versionId = v.id WHERE h.versionId IS NULL
                UNION SELECT e.objectId, h.id FROM h JOIN versionEntry e ON e.versionId = h.versionId
                UNION SELECT f.objectId, h.id FROM h JOIN datasetVersion v ON v.id = h.versionId AND v.state = 'draft'
                JOIN datasetFile f ON f.datasetId = v.datasetId
                """)
        var held: [Int64: Set<Int64>] = [:]
        for row in rows { held[row[0] as Int64, default: []].insert(row[1] as Int64) }
        return held
    }

    /// Refuses a move of `objectIds` into `tier` when the tier needs a restore and a legal hold covers any
    /// of them (lifecycle rules leave such objects out; a manual move is refused).
    func refuseLegallyHeldMove(_ objectIds: [Int64], to tier: String, _ db: Database) throws {
        guard configuration.tiers[tier]?.restoreRequired == true else { return }
        let held = try legallyHeldObjects(db)
        let covered = objectIds.filter { held[$0] != nil }
        guard !covered.isEmpty else { return }
        let holds = covered.reduce(into: Set<Int64>()) { $0.formUnion(held[$1] ?? []) }
        throw RetentionError.legallyHeld(objects: covered.count, holds: holds.sorted(), toTier: tier)
    }

    // MARK: - Helpers

    /// The dataset and (for `DATASET@N`) the version a hold names.
    private func holdTarget(_ target: String, _ db: Database) throws -> (Dataset, DatasetVersion?) {
        let parts = target.split(separator: "@", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        guard let dataset = try Dataset.filter(Dataset.Columns.name == parts[0]).fetchOne(db) else {
            throw LakeError.notFound(kind: "dataset", id: parts[0])
        }
        guard parts.count == 2 else { return (dataset, nil) }
        let digits = parts[1].hasPrefix("v") ? String(parts[1].dropFirst()) : parts[1]
        guard let number = Int(digits),
            let version = try DatasetVersion.filter(
                DatasetVersion.Columns.datasetId == dataset.id && DatasetVersion.Columns.number == number
            ).fetchOne(db)
        else { throw GovernanceError.versionNotFound(target) }
        return (dataset, version)
    }

    private func holdSummary(_ hold: LegalHold, _ db: Database) throws -> LegalHoldSummary {
        let name = try String.fetchOne(db, sql: "SELECT name FROM dataset WHERE id = ?", arguments: [hold.datasetId]) ?? ""
        let number = try hold.versionId.flatMap { try DatasetVersion.fetchOne(db, key: $0)?.number }
        let id = hold.id ?? 0
        let objects = hold.isActive ? try legallyHeldObjects(db).values.filter { $0.contains(id) }.count : 0
        return LegalHoldSummary(
            id: id, dataset: name, version: number, reason: hold.reason, createdBy: hold.createdBy,
            createdAt: hold.createdAt, releasedBy: hold.releasedBy, releasedAt: hold.releasedAt,
            releaseReason: hold.releaseReason, objects: objects)
    }
}
