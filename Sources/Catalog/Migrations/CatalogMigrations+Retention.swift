import GRDB

extension CatalogMigrations {
    // MARK: - v4

    /// Retention, legal holds and deprecation.
    ///
    /// - `legalHold`: a hold on a dataset (all its versions) or one version; released holds stay as history.
    /// - `datasetDeprecation`: why a dataset was deprecated and which version supersedes it (the dataset's
    ///   `status` column says `deprecated` too, so lifecycle rules keep matching on it).
    /// - `retentionOverride`: an admin's per-dataset keep period, with the reason.
    /// - `retentionRequest`, `retentionItem`, `retentionApproval`: a queued deletion, the objects it covers
    ///   and the four-eyes decisions on it.
    /// - `retentionTombstone`: one row per object deleted by policy, written in the transaction that marks
    ///   the object `deleted`; `bytesRemoved` turns true once the tier no longer holds the bytes, so a rerun
    ///   finishes a deletion a crash interrupted.
    static func createRetention(_ db: Database) throws {
        try db.create(table: "legalHold") { t in
            t.autoIncrementedPrimaryKey("id")
            t.belongsTo("dataset", onDelete: .cascade).notNull()
            t.belongsTo("version", inTable: "datasetVersion", onDelete: .cascade)
            t.column("reason", .text).notNull()
            t.column("createdBy", .text).notNull()
            t.column("createdAt", .datetime).notNull()
            t.column("releasedBy", .text)
            t.column("releasedAt", .datetime)
            t.column("releaseReason", .text)
        }
        try db.create(table: "datasetDeprecation") { t in
            t.autoIncrementedPrimaryKey("id")
            t.belongsTo("dataset", onDelete: .cascade).notNull().unique()
            t.belongsTo("successorVersion", inTable: "datasetVersion").notNull()
            t.column("reason", .text).notNull()
            t.column("deprecatedBy", .text).notNull()
            t.column("deprecatedAt", .datetime).notNull()
        }
        try db.create(table: "retentionOverride") { t in
            t.autoIncrementedPrimaryKey("id")
            t.belongsTo("dataset", onDelete: .cascade).notNull().unique()
            t.column("minDays", .double)
            t.column("maxDays", .double)
            t.column("reason", .text).notNull()
            t.column("setBy", .text).notNull()
            t.column("setAt", .datetime).notNull()
        }
        try db.create(table: "retentionRequest") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("requester", .text).notNull()
            t.column("reason", .text).notNull()
            t.column("state", .text).notNull().indexed()
            t.column("error", .text)
            t.column("createdAt", .datetime).notNull()
            t.column("updatedAt", .datetime).notNull()
        }
        try db.create(table: "retentionItem") { t in
            t.autoIncrementedPrimaryKey("id")
            t.belongsTo("request", inTable: "retentionRequest", onDelete: .cascade).notNull()
            t.belongsTo("object").notNull()
            t.column("rule", .text).notNull()
            t.column("datasets", .text).notNull()
            t.column("state", .text).notNull()
            t.column("note", .text)
            t.uniqueKey(["requestId", "objectId"])
        }
        try db.create(table: "retentionApproval") { t in
            t.autoIncrementedPrimaryKey("id")
            t.belongsTo("request", inTable: "retentionRequest", onDelete: .cascade).notNull()
            t.column("approver", .text).notNull()
            t.column("decision", .text).notNull()
            t.column("comment", .text).notNull()
            t.column("grantId", .integer)
            t.column("createdAt", .datetime).notNull()
            // One person's decision counts once.
            t.uniqueKey(["requestId", "approver"])
        }
        try db.create(table: "retentionTombstone") { t in
            t.autoIncrementedPrimaryKey("id")
            t.belongsTo("object").notNull().unique()
            t.column("sha256", .text).notNull()
            t.belongsTo("request", inTable: "retentionRequest").notNull()
            t.column("rule", .text).notNull()
            t.column("requestedBy", .text).notNull()
            t.column("approvers", .text).notNull()
            t.column("deletedAt", .datetime).notNull()
            t.column("bytesRemoved", .boolean).notNull().defaults(to: false)
        }
    }
}
