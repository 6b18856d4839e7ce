import GRDB

extension CatalogMigrations {
    // MARK: - v5-ops-leaseHolder

    /// The process (pid and host) holding a running job's lease, written when a worker claims the job and
    /// cleared when it lets go, so screens can name the worker of each running job.
    static func addLeaseHolder(_ db: Database) throws {
        try db.alter(table: "migrationJob") { t in
            t.add(column: "workerPid", .integer)
            t.add(column: "workerHost", .text)
        }
    }
}
