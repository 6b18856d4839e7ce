import Catalog
import Foundation
import Storage

extension Lake {
    // MARK: - Queueing

    /// Queues a job moving the objects of `DATASET[@VERSION]` to `tier`; a worker (`medlake worker`) runs it.
    ///
    /// Objects already in `tier` or in another unfinished job are left out. Objects in a restore-required
    /// tier can only leave it through ``queueRestore(_:to:)``.
    /// - Throws: ``LakeError/invalidArgument(_:)`` when nothing would move.
    @discardableResult
    public func queueMigration(_ spec: String, to tier: String) throws -> MigrationProgress {
        try queue(spec, to: tier, restore: false)
    }

    /// Queues a restore (rehydration) of the objects of `DATASET[@VERSION]` that sit in restore-required
    /// tiers, into `tier`, which must be readable without a restore.
    @discardableResult
    public func queueRestore(_ spec: String, to tier: String) throws -> MigrationProgress {
        try queue(spec, to: tier, restore: true)
    }

    private func queue(_ spec: String, to tier: String, restore: Bool) throws -> MigrationProgress {
        let role = try authorize(.migrate)
        guard let destination = configuration.tiers[tier] else { throw LakeError.notFound(kind: "tier", id: tier) }
        if restore, destination.restoreRequired {
            throw LakeError.invalidArgument("Please restore into a tier readable without a restore ('\(tier)' needs one).")
        }
        return try catalog.write { tx in
            let (label, all) = try objects(ofDataset: spec, tx)
            let busy = try tx.objectIdsInActiveJobs()
            let candidates = all.filter { $0.tier != tier && !busy.contains($0.id) }
            let archived = candidates.filter { configuration.tiers[$0.tier]?.restoreRequired == true }
            if !restore, let first = archived.first {
                throw LakeError.invalidArgument(
                    "\(archived.count) objects of \(label) are in tier '\(first.tier)', which needs a restore: "
                        + "use `medlake restore \(label) --to \(tier)`.")
            }
            let moving = restore ? archived : candidates
            guard !moving.isEmpty else {
                throw LakeError.invalidArgument(
                    restore
                        ? "Nothing to restore: no object of \(label) is in a restore-required tier (or all are in other jobs)."
                        : "Nothing to move: the \(all.count) objects of \(label) are in tier '\(tier)' or in other jobs.")
            }
            try refuseLegallyHeldMove(moving.map(\.id), to: tier, tx)
            let job = try insertJob(
                tx, reason: restore ? "restore" : "manual", target: label, toTier: tier, objects: moving, role: role)
            return MigrationProgress(job)
        }
    }

    /// Inserts a queued job with one pending item per object, and its audit event.
    func insertJob(
        _ tx: CatalogTransaction, reason: String, target: String, toTier: String, objects: [MovableObject], role: Role
    ) throws -> MigrationJob {
        let now = Date()
        var job = MigrationJob(
            reason: reason, target: target, toTier: toTier, state: .queued, objectsTotal: Int64(objects.count),
            bytesTotal: objects.reduce(0) { $0 + $1.size }, createdBy: actor.user, createdAt: now, updatedAt: now)
        try tx.insertJob(&job, objects: objects)
        let jobId = job.id ?? 0
        try appendAudit(
            tx, role: role, action: "migration.queue", target: "job \(jobId)",
            details: [
                "reason": reason, "what": target, "to": toTier, "objects": String(job.objectsTotal),
                "bytes": String(job.bytesTotal),
                "from": Set(objects.map(\.tier)).sorted().joined(separator: ","),
            ])
        return job
    }

    // MARK: - Control

    /// Pauses a job: a queued job at once, a running one within a second (its worker stops after the
    /// current chunk, rolls back the copies it staged but has not begun to publish, and leaves those
    /// objects at their sources).
    @discardableResult
    public func pauseMigration(id: Int64) throws -> MigrationProgress {
        try control(id: id, action: "paused") { job, _ in
            switch job.state {
            case .queued: job.state = .paused
            case .running: job.control = .pause
            default: return false
            }
            return true
        }
    }

    /// Resumes a paused job, or retries a failed one (its failed objects become pending again).
    @discardableResult
    public func resumeMigration(id: Int64) throws -> MigrationProgress {
        try control(id: id, action: "resumed") { job, _ in
            switch job.state {
            case .paused:
                job.state = .queued
            case .failed:
                job.state = .queued
                job.error = nil
                job.objectsFailed = 0
                job.finishedAt = nil
            case .running where job.control == .pause:
                job.control = nil
            default:
                return false
            }
            return true
        }
    }

    /// Cancels a job. Objects already moved stay moved; every other object stays at its source; copies in
    /// the destination that no placement names are removed, so each object is in exactly one place.
    ///
    /// A running job's worker rolls back the batch it is staging (a batch already being published is
    /// finished) and removes the copies, within a second. A job whose last run left copies it could not
    /// remove (items still `publishing`) is queued with the cancel request, so a worker removes them
    /// before ending it.
    @discardableResult
    public func cancelMigration(id: Int64) throws -> MigrationProgress {
        try control(id: id, action: "cancelled") { job, tx in
            switch job.state {
            case .queued, .paused, .failed:
                if try tx.jobHasUnswitchedItems(jobId: id) {
                    job.state = .queued
                    job.control = .cancel
                    return true
                }
                job.state = .cancelled
                job.finishedAt = Date()
            case .running:
                job.control = .cancel
            default:
                return false
            }
            return true
        }
    }

    private func control(
        id: Int64, action: String, _ change: (inout MigrationJob, CatalogTransaction) throws -> Bool
    ) throws -> MigrationProgress {
        let role = try authorize(.migrate)
        let job = try catalog.write { tx in
            guard var job = try tx.migrationJob(id: id) else {
                throw LakeError.notFound(kind: "migration job", id: String(id))
            }
            let before = job.state
            guard try change(&job, tx) else { throw LakeError.jobState(id: id, state: job.state, action: action) }
            if job.state == .queued, before == .failed {
                try tx.retryFailedItems(jobId: id)
            }
            job.updatedAt = Date()
            try tx.update(job)
            let verb = ["paused": "pause", "resumed": "resume", "cancelled": "cancel"][action] ?? action
            try appendAudit(
                tx, role: role, action: "migration.\(verb)", target: "job \(id)",
                details: ["from": before.rawValue, "to": job.state.rawValue, "request": job.control?.rawValue ?? ""])
            return job
        }
        return MigrationProgress(job)
    }

    // MARK: - Queries

    /// Migration jobs, newest first, optionally only those in `states`. Cheap enough to poll several
    /// times per second (the workbench's migrations screen, `migrate status --watch`).
    public func migrationJobs(states: Set<MigrationJobState>? = nil, limit: Int = 100) throws -> [MigrationProgress] {
        try authorize(.read)
        return try catalog.read { tx in try tx.migrationJobs(states: states, limit: limit).map(MigrationProgress.init) }
    }

    /// One migration job.
    public func migrationJob(id: Int64) throws -> MigrationProgress {
        try authorize(.read)
        guard let job = try catalog.read({ tx in try tx.migrationJob(id: id) }) else {
            throw LakeError.notFound(kind: "migration job", id: String(id))
        }
        return MigrationProgress(job)
    }
}
