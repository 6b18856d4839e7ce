import Foundation

extension CatalogTransaction {
    /// The target (dataset, version reference or selection) of the migration job with row id `id`.
    public func migrationJobTarget(id: Int64) throws -> String? {
        try connection.fetchValue(String.self, "SELECT target FROM migrationJob WHERE id = ?", [id])
    }
}

extension CatalogTransaction {
    /// The objects that active migration jobs (queued, running or paused) still have to move.
    public func objectIdsInActiveJobs() throws -> Set<Int64> {
        try Set(
            connection.fetchValues(
                Int64.self,
                """
                SELECT i.objectId FROM migrationItem i JOIN migrationJob j ON j.id = i.jobId
                WHERE i.state IN ('pending', 'publishing') AND j.state IN ('queued', 'running', 'paused')
                """))
    }
}

extension CatalogTransaction {
    /// The job with row id `id`, if any.
    public func migrationJob(id: Int64) throws -> MigrationJob? {
        try connection.fetchOne(MigrationJob.self, "SELECT * FROM migrationJob WHERE id = ?", [id])
    }

    /// The newest `limit` jobs, optionally only those in `states`.
    public func migrationJobs(states: Set<MigrationJobState>?, limit: Int) throws -> [MigrationJob] {
        guard let states else {
            return try connection.fetchAll(
                MigrationJob.self, "SELECT * FROM migrationJob ORDER BY id DESC LIMIT ?", [limit])
        }
        guard !states.isEmpty else { return [] }
        var arguments: CatalogArguments = states.map(\.rawValue).sorted()
        arguments.append(limit)
        return try connection.fetchAll(
            MigrationJob.self,
            "SELECT * FROM migrationJob WHERE state IN (\(placeholders(states.count))) ORDER BY id DESC LIMIT ?",
            arguments)
    }

    /// Inserts a queued job moving `objects` with one pending item per object.
    public func insertJob(_ job: inout MigrationJob, objects: [MovableObject]) throws {
        try connection.insert(&job)
        guard let jobId = job.id else { return }
        for object in objects {
            var item = MigrationItem(
                jobId: jobId, objectId: object.id, fromTier: object.tier, size: object.size, state: .pending)
            try connection.insert(&item)
        }
    }

    /// Whether an item of job `jobId` has its copy written but its placement not yet switched.
    public func jobHasUnswitchedItems(jobId: Int64) throws -> Bool {
        try connection.fetchValue(
            Bool.self, "SELECT true FROM migrationItem WHERE jobId = ? AND state = 'publishing' LIMIT 1", [jobId])
            ?? false
    }

    /// Puts the failed items of job `jobId` back to pending, for a retry.
    public func retryFailedItems(jobId: Int64) throws {
        try connection.execute(
            "UPDATE migrationItem SET state = 'pending', error = NULL WHERE jobId = ? AND state = 'failed'", [jobId],
            cached: false)
    }
}

extension CatalogTransaction {
    /// The workers holding a running job whose lease has not expired, by name: at `now` by this process's
    /// clock on SQLite, by the server's on PostgreSQL (see ``CatalogDialect/leaseClock(_:)``).
    public func liveWorkerIds(at now: Date) throws -> [String] {
        let clock = connection.dialect.leaseClock(now)
        return try connection.fetchValues(
            String.self,
            """
            SELECT DISTINCT workerId FROM migrationJob
            WHERE state = 'running' AND workerId IS NOT NULL AND leaseExpiresAt >= \(clock.sql) ORDER BY workerId
            """,
            clock.arguments)
    }
}
