import Catalog
import Foundation
import GRDB

extension Lake {
    /// What the lifecycle rules would move at `now`, per rule and source tier, with the monthly cost of the
    /// moved bytes before and after.
    ///
    /// Each object goes to the first rule (in `lake.toml` order) that matches it and names another tier.
    /// Objects in a restore-required tier, or still in an unfinished job, are left alone, and so are objects
    /// under a legal hold when the rule's tier needs a restore (counted in ``LifecyclePlan/legallyHeld``).
    public func lifecyclePlan(now: Date = Date()) throws -> LifecyclePlan {
        try authorize(.read)
        return try catalog.reader.read { db in try plan(now: now, db) }
    }

    /// Queues the current plan as one `policy` migration job per move; returns the queued jobs.
    @discardableResult
    public func applyLifecycle(now: Date = Date()) throws -> [MigrationProgress] {
        let role = try authorize(.migrate)
        return try catalog.pool.write { db in
            let plan = try plan(now: now, db)
            var jobs: [MigrationProgress] = []
            for move in plan.moves {
                let ids = Set(move.objectIds)
                let objects = try candidates(db).map(\.object).filter { ids.contains($0.id) }
                let job = try insertJob(
                    db, reason: "policy", target: "rule \(move.rule)", toTier: move.toTier, objects: objects, role: role)
                jobs.append(MigrationProgress(job))
            }
            return jobs
        }
    }

    private func plan(now: Date, _ db: Database) throws -> LifecyclePlan {
        let busy = try objectsInActiveJobs(db)
        let held = try objectsHeldByPendingPromotionsOrRuns(db)
        let legallyHeld = try legallyHeldObjects(db)
        var legallyHeldSkipped = 0
        var groups: [String: LifecycleMove] = [:]
        var order: [String] = []
        for candidate in try candidates(db) where !busy.contains(candidate.object.id) {
            let tier = candidate.object.tier
            guard configuration.tiers[tier]?.restoreRequired != true,
                let rule = configuration.lifecycleRules.first(where: { $0.toTier != tier && candidate.matches($0, now: now) })
            else { continue }
            if configuration.tiers[rule.toTier]?.restoreRequired == true, legallyHeld[candidate.object.id] != nil {
                legallyHeldSkipped += 1
                continue
            }
            let key = rule.name + "\u{0}" + tier
            if groups[key] == nil {
                order.append(key)
                groups[key] = LifecycleMove(
                    rule: rule.name, fromTier: tier, toTier: rule.toTier, objects: 0, bytes: 0, monthlyCostBefore: 0,
                    monthlyCostAfter: 0, heldObjects: 0, warning: nil, objectIds: [])
            }
            let gigabytes = Double(candidate.object.size) / 1e9
            groups[key]?.objects += 1
            groups[key]?.bytes += candidate.object.size
            groups[key]?.monthlyCostBefore += gigabytes * (configuration.tiers[tier]?.costPerGBMonth ?? 0)
            groups[key]?.monthlyCostAfter += gigabytes * (configuration.tiers[rule.toTier]?.costPerGBMonth ?? 0)
            groups[key]?.objectIds.append(candidate.object.id)
            if configuration.tiers[rule.toTier]?.restoreRequired == true, held.contains(candidate.object.id) {
                groups[key]?.heldObjects += 1
            }
        }
        let moves = order.compactMap { key -> LifecycleMove? in
            guard var move = groups[key] else { return nil }
            if move.heldObjects > 0 {
                move.warning = "\(move.heldObjects) objects belong to a version with a pending promotion or a recorded "
                    + "run; in '\(move.toTier)' they need a restore before they can be read"
            }
            return move
        }
        return LifecyclePlan(generatedAt: now, moves: moves, legallyHeld: legallyHeldSkipped)
    }

    /// Every cataloged object with the facts of the datasets holding it, oldest first.
    private func candidates(_ db: Database) throws -> [LifecycleCandidate] {
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT o.id, o.sha256, o.size, o.tier, o.createdAt, o.lastAccess, d.zone, d.status, d.sensitivity,
                (SELECT v.state FROM datasetVersion v WHERE v.datasetId = d.id ORDER BY v.number DESC LIMIT 1) AS versionState
                FROM object o JOIN datasetFile f ON f.objectId = o.id JOIN dataset d ON d.id = f.datasetId
                WHERE o.state != 'deleted'
                ORDER BY o.id
                """)
        var result: [LifecycleCandidate] = []
        while let row = try rows.next() {
            let facts = LifecycleCandidate.DatasetFacts(
                zone: row["zone"], status: row["status"], sensitivity: row["sensitivity"], versionState: row["versionState"])
            let id: Int64 = row["id"]
            if result.last?.object.id == id {
                result[result.count - 1].datasets.append(facts)
                continue
            }
            result.append(
                LifecycleCandidate(
                    object: MovableObject(id: id, sha256: row["sha256"], size: row["size"], tier: row["tier"]),
                    createdAt: row["createdAt"], lastAccess: row["lastAccess"], datasets: [facts]))
        }
        return result
    }

    /// Objects referenced by a dataset version with a pending (or approved, not yet executed) promotion, or
    /// by a version whose manifest a recorded training run names.
    ///
    /// A published version's objects are its manifest entries; a draft version's are its dataset's files.
    func objectsHeldByPendingPromotionsOrRuns(_ db: Database) throws -> Set<Int64> {
        Set(
            try Int64.fetchAll(
                db,
                sql: """
                    WITH held(versionId) AS (
                        SELECT sourceVersionId FROM promotion WHERE state IN ('pending', 'approved')
                        UNION SELECT m.versionId FROM trainingRun r JOIN versionManifest m ON m.hash = r.manifestHash
                    )
                    SELECT e.objectId FROM held h JOIN versionEntry e ON e.versionId = h.versionId
                    UNION
                    SELECT f.objectId FROM held h JOIN datasetVersion v ON v.id = h.versionId
                    JOIN datasetFile f ON f.datasetId = v.datasetId WHERE v.state = 'draft'
                    """))
    }
}
