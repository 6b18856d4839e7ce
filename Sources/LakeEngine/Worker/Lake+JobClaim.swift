import Catalog
import Foundation

extension Lake {
    /// Takes the oldest queued job, or a running one whose lease expired (its worker died), in one write
    /// transaction, for `worker` (the holder's name in the row) running as `holder`, with a lease of
    /// `leaseDuration` seconds by this process's clock. Appends `migration.start`, or `migration.takeover`
    /// naming the previous worker. Nil when no job waits.
    ///
    /// A claim is one transaction, so two workers never hold the same job.
    func claimNextJob(worker: String, holder: LeaseHolder, leaseDuration: Double, role: Role) throws -> MigrationJob? {
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        return try catalog.write { tx in
            guard var job = try tx.claimableJob(atMilliseconds: now), let jobId = job.id else { return nil }
            let previous = job.workerId
            let takeover = job.state == .running
            let tally = try tx.itemTally(jobId: jobId)
            job.objectsDone = tally.done
            job.bytesDone = tally.bytesDone
            job.state = .running
            job.workerId = worker
            job.workerPid = Int64(holder.pid)
            job.workerHost = holder.host
            job.leaseExpiresAt = now + Int64(leaseDuration * 1000)
            job.attempts += 1
            job.startedAt = job.startedAt ?? Date()
            job.updatedAt = Date()
            try tx.update(job)
            var details = [
                "worker": worker, "attempt": String(job.attempts), "objects": String(job.objectsTotal),
                "objectsDone": String(job.objectsDone), "pid": String(holder.pid), "host": holder.host,
            ]
            if takeover { details["previousWorker"] = previous ?? "" }
            try appendAudit(
                tx, role: role, action: takeover ? "migration.takeover" : "migration.start", target: "job \(jobId)",
                details: details)
            return job
        }
    }
}
