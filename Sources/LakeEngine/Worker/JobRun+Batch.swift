import Catalog
import Foundation
import GRDB
import Storage

extension JobRun {
    // MARK: - Batches

    /// Adds a staged copy to the batch, and publishes and switches the batch when it is due.
    func submit(_ staged: Staged, to destination: any TierBackend, keeper: LeaseKeeper, shared: Shared) async throws {
        let now = Date().timeIntervalSinceReferenceDate
        let limits = worker.batchLimits
        let due = shared.batch.withLock { batch -> [Staged]? in
            if batch.entries.isEmpty { batch.since = now }
            batch.entries.append(staged)
            batch.bytes += staged.object.size
            guard batch.entries.count >= limits.objects || batch.bytes >= limits.bytes || now - batch.since >= limits.delay
            else { return nil }
            defer { batch = Batch() }
            return batch.entries
        }
        if let due { try await publishAndSwitch(due, at: destination, keeper: keeper, shared: shared) }
    }

    /// Finishes a batch: marks its staged items `publishing`, publishes the copies, switches the
    /// placements in one transaction and deletes the sources.
    ///
    /// While the job is stopping (pause, cancel, a fault, a lost lease, a worker shutdown) a batch not yet
    /// marked is rolled back instead: its staged copies are removed and its objects stay at their sources.
    /// Once marked, the batch is finished even if a stop arrives meanwhile.
    func publishAndSwitch(
        _ batch: [Staged], at destination: any TierBackend, keeper: LeaseKeeper, shared: Shared
    ) async throws {
        guard !batch.isEmpty else { return }
        let unpublished = batch.filter { $0.copy?.location != nil }.map(\.item)
        guard keeper.stop == .none, try await markPublishing(unpublished, keeper: keeper) else {
            return await rollBack(batch, at: destination, keeper: keeper, shared: shared, counted: true)
        }
        do {
            try await destination.publish(batch.compactMap(\.copy))
        } catch {
            // Some copies may be under their digests already; their items are `publishing`, so the sweep
            // at the end of the run (or the next worker) deletes them.
            await rollBack(batch, at: destination, keeper: keeper, shared: shared, counted: false)
            let outOfSpace = (error as? StorageError)?.isOutOfSpace == true
            return shared.fail(
                (outOfSpace ? "out of space in tier '\(job.toTier)': " : "publishing copies in tier '\(job.toTier)' failed: ")
                    + String(describing: error), keeper: keeper)
        }
        try await switchPlacements(batch, keeper: keeper, shared: shared)
    }

    /// Marks `items` `publishing`, in one transaction that commits only while this worker holds the job
    /// and no pause or cancel is pending. Returns false (marking nothing) otherwise, raising the stop.
    func markPublishing(_ items: [MigrationItem], keeper: LeaseKeeper) async throws -> Bool {
        let state = try await lake.catalog.pool.write { db -> (ours: Bool, control: String?) in
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT control FROM migrationJob WHERE id = ? AND workerId = ? AND state = 'running'",
                    arguments: [jobId, worker.name])
            else { return (false, nil) }
            let control: String? = row["control"]
            guard control == nil else { return (true, control) }
            let mark = try db.cachedStatement(sql: "UPDATE migrationItem SET state = 'publishing' WHERE id = ?")
            for item in items { try mark.execute(arguments: [item.id]) }
            return (true, nil)
        }
        switch state {
        case (false, _): keeper.requestStop(.leaseLost)
        case (true, "pause"?): keeper.requestStop(.pause)
        case (true, _?): keeper.requestStop(.cancel)
        case (true, nil): return true
        }
        return false
    }

    /// Switches the placements of `batch`, marks its items done and appends its `object.placement` audit
    /// events (one per source tier), in one transaction that commits only while this worker still holds
    /// the job; then deletes the sources. The job row itself is left to the LeaseKeeper, so progress is
    /// written a few times per second however small the objects.
    private func switchPlacements(_ batch: [Staged], keeper: LeaseKeeper, shared: Shared) async throws {
        let removed = shared.removed.withLock { removed in
            defer { removed = [] }
            return removed
        }
        let committed = try await lake.catalog.pool.write { db -> Bool in
            let ours = try Bool.fetchOne(
                db, sql: "SELECT 1 FROM migrationJob WHERE id = ? AND workerId = ? AND state = 'running'",
                arguments: [jobId, worker.name])
            guard ours == true else { return false }
            let placeObject = try db.cachedStatement(sql: "UPDATE object SET tier = ? WHERE id = ?")
            let finishItem = try db.cachedStatement(
                sql: "UPDATE migrationItem SET state = 'done', sourceRemoved = ?, error = NULL WHERE id = ?")
            for staged in batch {
                try placeObject.execute(arguments: [job.toTier, staged.object.id])
                try finishItem.execute(arguments: [staged.copy == nil, staged.item.id])
            }
            try appendPlacementEvents(db, moved: batch.filter { $0.copy != nil }.map(\.object))
            let markRemoved = try db.cachedStatement(sql: "UPDATE migrationItem SET sourceRemoved = 1 WHERE id = ?")
            for itemId in removed { try markRemoved.execute(arguments: [itemId]) }
            return true
        }
        guard committed else { return keeper.requestStop(.leaseLost) }
        keeper.movedObjects.add(Int64(batch.count), ordering: .relaxed)
        let destination = try shared.backend(named: job.toTier)
        for staged in batch where staged.copy != nil {
            guard let digest = ObjectDigest(hex: staged.object.sha256) else { continue }
            let source = try shared.backend(named: staged.object.tier)
            try await lake.checkDeletable(staged.object, from: source, keptIn: destination)
            try await source.delete(digest)
            shared.removed.withLock { $0.append(staged.item.id ?? 0) }
        }
    }

    /// Appends one `object.placement` event per source tier of a switched batch, naming the job, both
    /// tiers, the count and bytes, and every object moved (their SHA-256s, space-separated, in `objects`):
    /// the audit log answers which job moved which object from where to where, at the cost of one chained
    /// event per batch rather than one per object.
    private func appendPlacementEvents(_ db: Database, moved: [CatalogObject]) throws {
        for (from, objects) in Dictionary(grouping: moved, by: \.tier).sorted(by: { $0.key < $1.key }) {
            try lake.appendAudit(
                CatalogTransaction(unmoved: db), role: worker.role, action: "object.placement", target: "job \(jobId)",
                details: [
                    "job": String(jobId), "from": from, "to": job.toTier, "count": String(objects.count),
                    "bytes": String(objects.reduce(0) { $0 + $1.size }),
                    "objects": objects.map(\.sha256).joined(separator: " "),
                ])
        }
    }

    /// Removes the batch's staged copies (temporary files; copies staged in place are left to the sweep
    /// of `publishing` items, which deletes them only while this worker holds the job) and takes their
    /// bytes back out of the progress. `counted`: add the removed files to the job's count of stray copies
    /// (not after a failed publish, whose renamed copies the sweep counts).
    private func rollBack(
        _ batch: [Staged], at destination: any TierBackend, keeper: LeaseKeeper, shared: Shared, counted: Bool
    ) async {
        await destination.discard(batch.compactMap(\.copy))
        if counted {
            shared.rolledBack.add(Int64(batch.filter { $0.copy?.location != nil }.count), ordering: .relaxed)
        }
        keeper.movedBytes.subtract(batch.filter { $0.copy != nil }.reduce(0) { $0 + $1.object.size }, ordering: .relaxed)
    }
}
