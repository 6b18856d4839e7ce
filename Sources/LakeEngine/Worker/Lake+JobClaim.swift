import Catalog
import Foundation

extension Lake {
    /// Takes the oldest queued job, or a running one whose lease expired (its worker died), in one write
    /// transaction, for `worker` (the holder's name in the row) running as `holder`, with a lease of
    /// `leaseDuration` seconds by the catalog's lease clock (this process's on SQLite, the server's on
    /// PostgreSQL). Appends `migration.start`, or `migration.takeover` naming the previous worker. Nil when
    /// no job waits.
    ///
    /// A claim is one transaction, so two workers never hold the same job.
    func claimNextJob(worker: String, holder: LeaseHolder, leaseDuration: Double, role: Role) throws -> MigrationJob? {
        try catalog.write { tx in
            guard
                let claim = try tx.claimJob(
                    worker: worker, pid: Int64(holder.pid), host: holder.host, leaseSeconds: leaseDuration, at: Date()),
                let jobId = claim.job.id
            else { return nil }
            let job = claim.job
            var details = [
                "worker": worker, "attempt": String(job.attempts), "objects": String(job.objectsTotal),
                "objectsDone": String(job.objectsDone), "pid": String(holder.pid), "host": holder.host,
            ]
            if claim.isTakeover { details["previousWorker"] = claim.previousWorker ?? "" }
            try appendAudit(
                tx, role: role, action: claim.isTakeover ? "migration.takeover" : "migration.start",
                target: "job \(jobId)", details: details)
            return job
        }
    }
}
