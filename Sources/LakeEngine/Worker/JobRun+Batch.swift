import Catalog
import Foundation
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

    /// Publishes the batch once its oldest copy has waited ``MigrationBatchLimits/delay``, checking a few
    /// times per delay, until cancelled (between batches only) or the job stops. Without it a batch closes only when the next copy
    /// ends, which for large or throttled objects can be minutes: a kill meanwhile loses every copy in it.
    func closeBatchesOnTime(at destination: any TierBackend, keeper: LeaseKeeper, shared: Shared) async {
        let delay = worker.batchLimits.delay
        while keeper.stop == .none {
            do {
                try await Task.sleep(for: .seconds(delay / 4))
            } catch {
                return
            }
            let now = Date().timeIntervalSinceReferenceDate
            let due = shared.batch.withLock { batch -> [Staged]? in
                guard !batch.entries.isEmpty, now - batch.since >= delay else { return nil }
                defer { batch = Batch() }
                return batch.entries
            }
            guard let due else { continue }
            do {
                // Not a child task: the cancellation that ends this loop once the copies are done must not
                // reach a batch half-way through its publish and switch (a cancelled catalog write would
                // fail the job).
                try await Task { try await publishAndSwitch(due, at: destination, keeper: keeper, shared: shared) }.value
            } catch {
                shared.fail("publishing a batch failed: \(error)", keeper: keeper)
                return
            }
        }
    }

    /// Finishes a batch: marks its staged items `publishing`, publishes the copies, switches the
    /// placements in one transaction and deletes the sources.
    ///
    /// Every copy in a batch is verified, so a pause, cancel or worker shutdown still finishes it: the job
    /// resumes after those objects. Only when the lease is lost or a fault ends the job is a batch not yet
    /// marked rolled back: its staged copies are removed and its objects stay at their sources.
    func publishAndSwitch(
        _ batch: [Staged], at destination: any TierBackend, keeper: LeaseKeeper, shared: Shared
    ) async throws {
        guard !batch.isEmpty else { return }
        let unpublished = batch.filter { $0.copy?.location != nil }.map(\.item)
        let failed = shared.fatal.withLock { $0 != nil }
        guard keeper.stop != .leaseLost, !failed,
            try await markPublishing(unpublished, keeper: keeper, evenIfStopping: true)
        else {
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
        FaultPoint.migrationPublished.reach()
        try await switchPlacements(batch, keeper: keeper, shared: shared)
    }

    /// Marks `items` `publishing`, in one transaction that commits only while this worker holds the job,
    /// and (unless `evenIfStopping`: a batch of verified copies) no pause or cancel is pending. Returns
    /// false (marking nothing) otherwise. A pending pause or cancel raises the stop either way, so the
    /// copies end at the first commit after the request, not only at the next lease beat.
    func markPublishing(
        _ items: [MigrationItem], keeper: LeaseKeeper, evenIfStopping: Bool = false
    ) async throws -> Bool {
        let state = try await lake.catalog.write { [jobId, worker] tx -> (ours: Bool, control: MigrationControl?) in
            guard let job = try tx.runningJob(id: jobId, worker: worker.name) else { return (false, nil) }
            guard job.control == nil || evenIfStopping else { return (true, job.control) }
            try tx.markPublishing(itemIds: items.map(\.id))
            return (true, job.control)
        }
        switch state {
        case (false, _):
            keeper.requestStop(.leaseLost)
            return false
        case (true, let control?):
            keeper.requestStop(control == .pause ? .pause : .cancel)
            return evenIfStopping
        case (true, nil):
            return true
        }
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
        let committed = try await lake.catalog.write { [jobId, worker, job, lake] tx -> Bool in
            guard try tx.runningJob(id: jobId, worker: worker.name) != nil else { return false }
            try tx.switchPlacements(
                batch.map { ($0.item.id, $0.object.id, $0.copy == nil) }, to: job.toTier)
            try lake.appendPlacementEvents(
                tx, role: worker.role, jobId: jobId, toTier: job.toTier, worker: worker.name,
                moved: batch.filter { $0.copy != nil }.map(\.object))
            try tx.markSourceRemoved(itemIds: removed)
            return true
        }
        guard committed else { return keeper.requestStop(.leaseLost) }
        keeper.movedObjects.add(Int64(batch.count), ordering: .relaxed)
        worker.metrics.objectsMoved.increment(by: batch.count)
        worker.metrics.bytesMoved.increment(by: batch.reduce(Int64(0)) { $0 + $1.object.size })
        let destination = try shared.backend(named: job.toTier)
        for staged in batch where staged.copy != nil {
            guard let digest = ObjectDigest(hex: staged.object.sha256) else { continue }
            let source = try shared.backend(named: staged.object.tier)
            try await lake.checkDeletable(staged.object, from: source, keptIn: destination)
            try await source.delete(digest)
            shared.removed.withLock { $0.append(staged.item.id ?? 0) }
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
