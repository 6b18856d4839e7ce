import Catalog
import Foundation

extension Lake {
    /// What the lifecycle rules would move at `now`, per rule and source tier, with the monthly cost of the
    /// moved bytes before and after.
    ///
    /// Each object goes to the first rule (in `lake.toml` order) that matches it and names another tier.
    /// Objects in a restore-required tier, or still in an unfinished job, are left alone, and so are objects
    /// under a legal hold when the rule's tier needs a restore (counted in ``LifecyclePlan/legallyHeld``).
    public func lifecyclePlan(now: Date) throws -> LifecyclePlan {
        try authorize(.read)
        return try catalog.read { tx in try plan(now: now, tx) }
    }

    /// Queues the current plan as one `policy` migration job per move; returns the queued jobs.
    @discardableResult
    public func applyLifecycle(now: Date) throws -> [MigrationProgress] {
        let role = try authorize(.migrate)
        return try catalog.write { tx in
            let plan = try plan(now: now, tx)
            var jobs: [MigrationProgress] = []
            for move in plan.moves {
                let ids = Set(move.objectIds)
                let objects = try tx.lifecycleCandidates().map(\.object).filter { ids.contains($0.id) }
                let job = try insertJob(
                    tx, reason: "policy", target: "rule \(move.rule)", toTier: move.toTier, objects: objects, role: role)
                jobs.append(MigrationProgress(job))
            }
            return jobs
        }
    }

    private func plan(now: Date, _ tx: CatalogTransaction) throws -> LifecyclePlan {
        let busy = try tx.objectIdsInActiveJobs()
        let held = try tx.objectIdsHeldByPendingPromotionsOrRuns()
        let legallyHeld = try tx.legallyHeldObjects()
        var legallyHeldSkipped = 0
        var groups: [String: LifecycleMove] = [:]
        var order: [String] = []
        for candidate in try tx.lifecycleCandidates() where !busy.contains(candidate.object.id) {
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
}
