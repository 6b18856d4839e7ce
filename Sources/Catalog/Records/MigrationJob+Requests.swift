import Foundation
import GRDB

extension CatalogTransaction {
    /// The target (dataset, version reference or selection) of the migration job with row id `id`.
    public func migrationJobTarget(id: Int64) throws -> String? {
        try String.fetchOne(db, sql: "SELECT target FROM migrationJob WHERE id = ?", arguments: [id])
    }
}

extension CatalogTransaction {
    /// The objects that active migration jobs (queued, running or paused) still have to move.
    public func objectIdsInActiveJobs() throws -> Set<Int64> {
        try Set(
            Int64.fetchAll(
                db,
                sql: """
                    SELECT i.objectId FROM migrationItem i JOIN migrationJob j ON j.id = i.jobId
                    WHERE i.state IN ('pending', 'publishing') AND j.state IN ('queued', 'running', 'paused')
                    """))
    }
}

extension CatalogTransaction {
    /// The job with row id `id`, if any.
    public func migrationJob(id: Int64) throws -> MigrationJob? {
        try MigrationJob.fetchOne(db, key: id)
    }

    /// The newest `limit` jobs, optionally only those in `states`.
    public func migrationJobs(states: Set<MigrationJobState>?, limit: Int) throws -> [MigrationJob] {
        var request = MigrationJob.order(MigrationJob.Columns.id.desc).limit(limit)
        if let states { request = request.filter(states.map(\.rawValue).contains(MigrationJob.Columns.state)) }
        return try request.fetchAll(db)
    }

    /// Inserts a queued job moving `objects` with one pending item per object.
    public func insertJob(_ job: inout MigrationJob, objects: [MovableObject]) throws {
        try job.insert(db)
        guard let jobId = job.id else { return }
        for object in objects {
            var item = MigrationItem(
                jobId: jobId, objectId: object.id, fromTier: object.tier, size: object.size, state: .pending)
            try item.insert(db)
        }
    }

    /// Whether an item of job `jobId` has its copy written but its placement not yet switched.
    public func jobHasUnswitchedItems(jobId: Int64) throws -> Bool {
        try Bool.fetchOne(
            db, sql: "SELECT 1 FROM migrationItem WHERE jobId = ? AND state = 'publishing' LIMIT 1",
            arguments: [jobId]) ?? false
    }

    /// Puts the failed items of job `jobId` back to pending, for a retry.
    public func retryFailedItems(jobId: Int64) throws {
        try db.execute(
            sql: "UPDATE migrationItem SET state = 'pending', error = NULL WHERE jobId = ? AND state = 'failed'",
            arguments: [jobId])
    }
}

extension CatalogTransaction {
    /// The workers holding a running job whose lease has not expired at `now`, by name.
    public func liveWorkerIds(at now: Date) throws -> [String] {
        try String.fetchAll(
            db,
            sql: """
                SELECT DISTINCT workerId FROM migrationJob
                WHERE state = 'running' AND workerId IS NOT NULL AND leaseExpiresAt >= ? ORDER BY workerId
                """,
            arguments: [Int64(now.timeIntervalSince1970 * 1000)])
    }
}
