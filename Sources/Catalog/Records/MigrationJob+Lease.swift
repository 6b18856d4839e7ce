import Foundation

/// What a worker's claim took: the job as it now runs under the worker, and who held it before.
public struct MigrationJobClaim: Sendable {
    /// The job, running under the claiming worker with a fresh lease.
    public var job: MigrationJob
    /// True when the job was running under another worker whose lease had expired (it died).
    public var isTakeover: Bool
    /// The worker that held the job before a takeover.
    public var previousWorker: String?
}

/// The requests a worker runs on the job it holds: claiming one, renewing its lease, finding it still its own.
///
/// A lease is `leaseExpiresAt`, in milliseconds since 1970; a worker holds a job while the row names it
/// (`workerId`), the job is running and the lease has not expired. Leases are kept by one clock: this
/// process's on SQLite, whose processes all run on the catalog's host, and the server's on PostgreSQL,
/// whose workers may run on several hosts (``CatalogDialect/leaseClock(_:)``).
extension CatalogTransaction {
    /// Claims the oldest job a worker may take, for worker `worker` (process `pid` on `host`) with a lease of
    /// `leaseSeconds`: a queued job, or a running one whose lease has expired (its worker died). Nil when no
    /// job waits. `now` is this process's clock, for the lease on SQLite and for the row's timestamps.
    ///
    /// The claim is one write transaction, and on PostgreSQL the job row is taken `FOR UPDATE SKIP LOCKED`:
    /// two workers never hold the same job, and a claimer never waits on a job another is claiming.
    /// The job's progress is reset to its items' tally, so a takeover resumes after the last object moved.
    public func claimJob(
        worker: String, pid: Int64, host: String, leaseSeconds: Double, at now: Date
    ) throws -> MigrationJobClaim? {
        let clock = connection.dialect.leaseClock(now)
        guard
            let candidate = try connection.fetchOne(
                MigrationJob.self,
                """
                SELECT * FROM migrationJob
                WHERE state = 'queued' OR (state = 'running' AND leaseExpiresAt < \(clock.sql))
                ORDER BY id LIMIT 1\(connection.dialect.claimingRows)
                """, clock.arguments),
            let id = candidate.id
        else { return nil }
        let tally = try itemTally(jobId: id)
        var arguments: CatalogArguments = [worker, pid, host]
        arguments += clock.arguments
        arguments += [Int64(leaseSeconds * 1000), tally.done, tally.bytesDone, now, now, id]
        guard
            let job = try connection.fetchOne(
                MigrationJob.self,
                """
                UPDATE migrationJob SET state = 'running', workerId = ?, workerPid = ?, workerHost = ?,
                leaseExpiresAt = \(clock.sql) + ?, attempts = attempts + 1, objectsDone = ?, bytesDone = ?,
                startedAt = COALESCE(startedAt, ?), updatedAt = ? WHERE id = ? RETURNING *
                """, arguments)
        else { return nil }
        let isTakeover = candidate.state == .running
        return MigrationJobClaim(
            job: job, isTakeover: isTakeover, previousWorker: isTakeover ? candidate.workerId : nil)
    }

    /// Job `id` while it runs under worker `worker`; nil once another worker took it over or it ended.
    public func runningJob(id: Int64, worker: String) throws -> MigrationJob? {
        try connection.fetchOne(
            MigrationJob.self, "SELECT * FROM migrationJob WHERE id = ? AND workerId = ? AND state = 'running'",
            [id, worker])
    }

    /// Renews worker `worker`'s lease on job `id` for `leaseSeconds` and records its progress; returns the new
    /// expiry (milliseconds since 1970), or nil when the worker no longer holds the job (its lease was lost).
    /// `now` is this process's clock: the lease's on SQLite, the row's `updatedAt` on both.
    public func renewLease(
        jobId id: Int64, worker: String, leaseSeconds: Double, objectsDone: Int64, bytesDone: Int64,
        bytesPerSecond: Double, etaSeconds: Double?, at now: Date
    ) throws -> Int64? {
        let clock = connection.dialect.leaseClock(now)
        var arguments = clock.arguments
        arguments += [Int64(leaseSeconds * 1000), objectsDone, bytesDone, bytesPerSecond, etaSeconds, now, id, worker]
        return try connection.fetchValue(
            Int64.self,
            """
            UPDATE migrationJob SET leaseExpiresAt = \(clock.sql) + ?, objectsDone = ?, bytesDone = ?,
            bytesPerSecond = ?, etaSeconds = ?, updatedAt = ?
            WHERE id = ? AND workerId = ? AND state = 'running' RETURNING leaseExpiresAt
            """, arguments)
    }

    /// The pause or cancel request an operator left on job `id`, if any.
    public func jobControl(id: Int64) throws -> String? {
        try connection.fetchValue(String.self, "SELECT control FROM migrationJob WHERE id = ?", [id])
    }

    /// The number of queued jobs.
    public func queuedJobCount() throws -> Int {
        try connection.fetchValue(Int.self, "SELECT COUNT(*) FROM migrationJob WHERE state = 'queued'") ?? 0
    }

    /// Whether some job is still active (queued, running or paused): objects may be on their way between tiers.
    public func hasActiveJobs() throws -> Bool {
        try connection.fetchValue(
            Bool.self, "SELECT EXISTS (SELECT 1 FROM migrationJob WHERE state IN ('queued', 'running', 'paused'))")
            ?? false
    }

    /// Records a failed item of job `jobId` while worker `worker` holds it: the item fails with `reason`,
    /// and the job counts it and keeps `reason` as its last error.
    public func recordItemFailure(itemId: Int64?, jobId: Int64, worker: String, reason: String, at now: Date) throws {
        try connection.execute(
            "UPDATE migrationItem SET state = 'failed', attempts = attempts + 1, error = ? WHERE id = ?",
            [reason, itemId], cached: false)
        try connection.execute(
            """
            UPDATE migrationJob SET objectsFailed = objectsFailed + 1, error = ?, updatedAt = ?
            WHERE id = ? AND workerId = ?
            """,
            [reason, now, jobId, worker], cached: false)
    }

    /// Records that an item of job `jobId` will be tried again: its attempts so far and why the last failed.
    public func recordItemRetry(itemId: Int64?, attempts: Int64, jobId: Int64, worker: String, reason: String) throws {
        try connection.execute(
            "UPDATE migrationItem SET attempts = ?, error = ? WHERE id = ?", [attempts, reason, itemId], cached: false)
        try connection.execute(
            "UPDATE migrationJob SET error = ? WHERE id = ? AND workerId = ?", ["retrying: " + reason, jobId, worker],
            cached: false)
    }

    /// Adds `count` copies a cleanup removed to job `id`'s tally of stray copies.
    public func addStrayCopiesRemoved(_ count: Int64, jobId id: Int64) throws {
        try connection.execute(
            "UPDATE migrationJob SET strayCopiesRemoved = strayCopiesRemoved + ? WHERE id = ?", [count, id],
            cached: false)
    }
}
