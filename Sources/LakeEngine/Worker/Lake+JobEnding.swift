import Catalog
import Foundation

extension Lake {
    /// Ends worker `worker`'s run of job `jobId` in `tx`, if it still holds the job: records the removed
    /// sources, tallies the items and sets the final state with its audit event. Returns the job as it
    /// ended, or nil when the worker no longer holds it.
    ///
    /// The state: `failed` with `failure`; with objects still to move, `cancelled` or `paused` when an
    /// operator asked, else `queued` again (the worker stopped); with none, `failed` when some objects
    /// failed, else `done`. Shared by a worker beside the catalog (``MigrationWorker``) and one on another
    /// host (``RemoteMigrationWorker``, through the service).
    func endRun(
        _ tx: CatalogTransaction, jobId: Int64, worker: String, role: Role, failure: String?, sourcesRemoved: [Int64]
    ) throws -> MigrationJob? {
        guard var current = try tx.runningJob(id: jobId, worker: worker) else { return nil }
        try tx.markSourceRemoved(itemIds: sourcesRemoved)
        let tally = try tx.itemTally(jobId: jobId)
        let failed = tally.failed
        let pending = tally.pending
        current.objectsDone = tally.done
        current.objectsFailed = failed
        current.bytesDone = tally.bytesDone
        current.etaSeconds = nil
        current.bytesPerSecond = 0
        let action: String
        if let failure {
            current.state = .failed
            current.error = failure
            action = "migration.fail"
        } else if pending > 0, current.control == .cancel {
            current.state = .cancelled
            action = "migration.cancelled"
        } else if pending > 0, current.control == .pause {
            current.state = .paused
            action = "migration.paused"
        } else if pending > 0 {
            current.state = .queued
            action = "migration.requeue"
        } else if failed > 0 {
            current.state = .failed
            current.error = "\(failed) objects failed; last: " + (current.error ?? "unknown")
            action = "migration.fail"
        } else {
            current.state = .done
            current.error = nil
            action = "migration.finish"
        }
        current.control = nil
        current.workerId = nil
        current.workerPid = nil
        current.workerHost = nil
        current.leaseExpiresAt = nil
        if current.state != .queued, current.state != .paused { current.finishedAt = Date() }
        current.updatedAt = Date()
        try tx.update(current)
        try appendAudit(
            tx, role: role, action: action, target: "job \(jobId)",
            details: [
                "worker": worker, "state": current.state.rawValue, "objectsDone": String(current.objectsDone),
                "objectsFailed": String(failed), "bytesDone": String(current.bytesDone), "error": current.error ?? "",
                "strayCopiesRemoved": String(current.strayCopiesRemoved),
            ])
        return current
    }
}
