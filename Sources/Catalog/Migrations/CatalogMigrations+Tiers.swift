import GRDB

extension CatalogMigrations {
    // MARK: - v2

    /// Migration jobs between tiers: one `migrationJob` row per job carries the state, the lease and the live
    /// progress every process watches; one `migrationItem` row per object records where it came from and
    /// whether it was moved, so a worker that takes over resumes after the last completed object.
    static func createTiers(_ db: Database) throws {
        try db.create(table: "migrationJob") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("reason", .text).notNull()
            t.column("target", .text).notNull()
            t.column("toTier", .text).notNull()
            t.column("state", .text).notNull().indexed()
            t.column("control", .text)
            t.column("objectsTotal", .integer).notNull()
            t.column("bytesTotal", .integer).notNull()
            t.column("objectsDone", .integer).notNull().defaults(to: 0)
            t.column("bytesDone", .integer).notNull().defaults(to: 0)
            t.column("objectsFailed", .integer).notNull().defaults(to: 0)
            t.column("bytesPerSecond", .double).notNull().defaults(to: 0)
            t.column("etaSeconds", .double)
            t.column("workerId", .text)
            t.column("leaseExpiresAt", .integer)
            t.column("attempts", .integer).notNull().defaults(to: 0)
            t.column("error", .text)
            t.column("createdBy", .text).notNull()
            t.column("createdAt", .datetime).notNull()
            t.column("startedAt", .datetime)
            t.column("finishedAt", .datetime)
            t.column("updatedAt", .datetime).notNull()
        }
        try db.create(table: "migrationItem") { t in
            t.autoIncrementedPrimaryKey("id")
            t.belongsTo("job", inTable: "migrationJob", onDelete: .cascade).notNull()
            t.belongsTo("object").notNull()
            t.column("fromTier", .text).notNull()
            t.column("size", .integer).notNull()
            t.column("state", .text).notNull()
            t.column("sourceRemoved", .boolean).notNull().defaults(to: false)
            t.column("attempts", .integer).notNull().defaults(to: 0)
            t.column("error", .text)
            t.uniqueKey(["jobId", "objectId"])
        }
        try db.create(index: "migrationItem_on_jobId_state", on: "migrationItem", columns: ["jobId", "state", "id"])
    }

    /// Workers stage a batch of copies before switching their placements; copies whose switch never
    /// committed (a cancel, a killed worker) are removed, and the job row counts them so operators see it.
    static func countStrayCopies(_ db: Database) throws {
        try db.alter(table: "migrationJob") { t in
            t.add(column: "strayCopiesRemoved", .integer).notNull().defaults(to: 0)
        }
    }
}
