import GRDB

extension CatalogMigrations {
    // MARK: - v2

    /// Governance: published manifests and their entries, promotions and approvals, access grants,
    /// lineage edges and training runs.
    static func createGovernance(_ db: Database) throws {
        try db.create(table: "versionManifest") { t in
            t.autoIncrementedPrimaryKey("id")
            t.belongsTo("version", inTable: "datasetVersion", onDelete: .cascade).notNull().unique()
            t.column("hash", .text).notNull().unique()
            t.column("zone", .text).notNull()
            t.column("body", .text).notNull()
            t.column("createdAt", .datetime).notNull()
        }
        try db.create(table: "versionEntry") { t in
            t.autoIncrementedPrimaryKey("id")
            t.belongsTo("version", inTable: "datasetVersion", onDelete: .cascade).notNull()
            t.belongsTo("object").notNull()
            t.column("path", .text).notNull()
            t.column("sha256", .text).notNull()
            t.column("size", .integer).notNull()
            t.column("format", .text).notNull()
            t.column("studyUID", .text)
            t.column("seriesUID", .text)
            t.column("sopInstanceUID", .text)
            t.column("modality", .text)
            t.column("bodyPart", .text)
            t.column("seriesDescription", .text)
            t.column("sample", .text)
            t.column("assay", .text)
            t.uniqueKey(["versionId", "path"])
        }
        try db.create(table: "promotion") { t in
            t.autoIncrementedPrimaryKey("id")
            t.belongsTo("dataset", onDelete: .cascade).notNull()
            t.belongsTo("sourceVersion", inTable: "datasetVersion").notNull()
            t.column("targetZone", .text).notNull()
            t.column("selection", .text).notNull().defaults(to: "")
            t.column("reason", .text).notNull().defaults(to: "")
            t.column("requester", .text).notNull()
            t.column("state", .text).notNull()
            t.column("checks", .text).notNull()
            t.belongsTo("targetVersion", inTable: "datasetVersion")
            t.column("error", .text)
            t.column("createdAt", .datetime).notNull()
            t.column("updatedAt", .datetime).notNull()
        }
        try db.create(table: "promotionApproval") { t in
            t.autoIncrementedPrimaryKey("id")
            t.belongsTo("promotion", onDelete: .cascade).notNull()
            t.column("approver", .text).notNull()
            t.column("decision", .text).notNull()
            t.column("comment", .text).notNull().defaults(to: "")
            t.column("grantId", .integer)
            t.column("createdAt", .datetime).notNull()
            // One person's decision counts once.
            t.uniqueKey(["promotionId", "approver"])
        }
        try db.create(table: "accessGrant") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("principal", .text).notNull()
            t.belongsTo("dataset", onDelete: .cascade).notNull()
            t.column("scope", .text).notNull()
            t.column("expiresAt", .datetime).notNull()
            t.column("grantedBy", .text).notNull()
            t.column("reason", .text).notNull()
            t.column("createdAt", .datetime).notNull()
            t.column("revokedAt", .datetime)
            t.column("revokedBy", .text)
        }
        try db.create(index: "accessGrant_on_principal_datasetId", on: "accessGrant", columns: ["principal", "datasetId"])
        try db.create(table: "lineageEdge") { t in
            t.autoIncrementedPrimaryKey("id")
            t.belongsTo("sourceObject", inTable: "object").notNull()
            t.belongsTo("derivedObject", inTable: "object").notNull()
            t.belongsTo("version", inTable: "datasetVersion", onDelete: .cascade).notNull()
            t.belongsTo("promotion").notNull()
            t.column("transform", .text).notNull()
            t.column("createdAt", .datetime).notNull()
        }
        try db.create(table: "trainingRun") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("manifestHash", .text).notNull()
            t.column("image", .text).notNull()
            t.column("commit", .text).notNull()
            t.column("workflow", .text).notNull()
            t.column("serviceAccount", .text)
            t.column("parameters", .text).notNull()
            t.column("recordedBy", .text).notNull()
            t.column("createdAt", .datetime).notNull()
        }
    }
}
