import Foundation
import GRDB

/// The requests a worker runs on the job it holds: claiming one, renewing its lease, finding it still its own.
///
/// A lease is `leaseExpiresAt`, in milliseconds since 1970; a worker holds a job while the row names it
/// (`workerId`), the job is running and the lease has not expired.
extension CatalogTransaction {
    /// The oldest job a worker may claim at `now` (milliseconds since 1970): queued, or running under a
    /// lease that has expired (its worker died).
    public func claimableJob(atMilliseconds now: Int64) throws -> MigrationJob? {
        try MigrationJob.fetchOne(
            db,
            sql: """
                SELECT * FROM migrationJob WHERE state = 'queued' OR (state = 'running' AND leaseExpiresAt < ?)
                ORDER BY id LIMIT 1
                """, arguments: [now])
    }

    /// Job `id` while it runs under worker `worker`; nil once another worker took it over or it ended.
    public func runningJob(id: Int64, worker: String) throws -> MigrationJob? {
        try MigrationJob.filter(
            MigrationJob.Columns.id == id && MigrationJob.Columns.workerId == worker
                && MigrationJob.Columns.state == "running"
        ).fetchOne(db)
    }

    /// Renews worker `worker`'s lease on job `id` until `expiry` (milliseconds since 1970) and records its
    /// progress; false when the worker no longer holds the job (its lease was lost).
    public func renewLease(
        jobId id: Int64, worker: String, expiry: Int64, objectsDone: Int64, bytesDone: Int64, bytesPerSecond: Double,
        etaSeconds: Double?, at now: Date
    ) throws -> Bool {
        try db.execute(
            sql: """
                UPDATE migrationJob SET leaseExpiresAt = ?, objectsDone = ?, bytesDone = ?, bytesPerSecond = ?,
                etaSeconds = ?, updatedAt = ? WHERE id = ? AND workerId = ? AND state = 'running'
                """, arguments: [expiry, objectsDone, bytesDone, bytesPerSecond, etaSeconds, now, id, worker])
        return try db.changesCount == 1
    }

    /// The pause or cancel request an operator left on job `id`, if any.
    public func jobControl(id: Int64) throws -> String? {
        try String.fetchOne(db, sql: "SELECT control FROM migrationJob WHERE id = ?", arguments: [id])
    }

    /// The number of queued jobs.
    public func queuedJobCount() throws -> Int {
        try MigrationJob.filter(MigrationJob.Columns.state == "queued").fetchCount(db)
    }

    /// Whether some job is still active (queued, running or paused): objects may be on their way between tiers.
    public func hasActiveJobs() throws -> Bool {
        try Bool.fetchOne(
            db, sql: "SELECT EXISTS (SELECT 1 FROM migrationJob WHERE state IN ('queued', 'running', 'paused'))")
            ?? false
    }

    /// Records a failed item of job `jobId` while worker `worker` holds it: the item fails with `reason`,
    /// and the job counts it and keeps `reason` as its last error.
    public func recordItemFailure(itemId: Int64?, jobId: Int64, worker: String, reason: String, at now: Date) throws {
        try db.execute(
            sql: "UPDATE migrationItem SET state = 'failed', attempts = attempts + 1, error = ? WHERE id = ?",
            arguments: [reason, itemId])
        try db.execute(
            sql: """
                UPDATE migrationJob SET objectsFailed = objectsFailed + 1, error = ?, updatedAt = ?
                WHERE id = ? AND workerId = ?
                """,
            arguments: [reason, now, jobId, worker])
    }

    /// Records that an item of job `jobId` will be tried again: its attempts so far and why the last failed.
    public func recordItemRetry(itemId: Int64?, attempts: Int64, jobId: Int64, worker: String, reason: String) throws {
        try db.execute(
            sql: "UPDATE migrationItem SET attempts = ?, error = ? WHERE id = ?", arguments: [attempts, reason, itemId])
        try db.execute(
            sql: "UPDATE migrationJob SET error = ? WHERE id = ? AND workerId = ?",
            arguments: ["retrying: " + reason, jobId, worker])
    }

    /// Adds `count` copies a cleanup removed to job `id`'s tally of stray copies.
    public func addStrayCopiesRemoved(_ count: Int64, jobId id: Int64) throws {
        try db.execute(
            sql: "UPDATE migrationJob SET strayCopiesRemoved = strayCopiesRemoved + ? WHERE id = ?",
            arguments: [count, id])
    }
}
