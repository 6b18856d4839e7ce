import GRDB

/// The catalog schema, as an ordered list of migrations that both engines apply.
///
/// A shipped migration never changes: later schema work (governance, migrations between tiers) adds new
/// migrations. Migrations name tables and columns with strings, never record types, so they keep
/// meaning what they meant when they shipped. Each one has a GRDB body for SQLite and the same schema as
/// PostgreSQL DDL (``PostgreSQL``); ``all`` is the one list, in order, so the engines cannot drift apart
/// in which migrations exist.
public enum CatalogMigrations {
    /// Every migration, in the order they apply.
    static let all: [CatalogMigration] = [
        CatalogMigration("v1-catalog", sqlite: createCatalog, postgres: PostgreSQL.catalog),
        CatalogMigration("v2-tiers", sqlite: createTiers, postgres: PostgreSQL.tiers),
        CatalogMigration("v2-governance", sqlite: createGovernance, postgres: PostgreSQL.governance),
        CatalogMigration("v2-remote-sources", sqlite: createRemoteSources, postgres: PostgreSQL.remoteSources),
        CatalogMigration(
            "v3-configuration-snapshot", sqlite: createConfigurationSnapshot, postgres: PostgreSQL.configurationSnapshot),
        CatalogMigration("v3-tiers-staging", sqlite: countStrayCopies, postgres: PostgreSQL.strayCopies),
        CatalogMigration("v4-honest-sourcePathBytes", sqlite: addSourcePathBytes, postgres: PostgreSQL.sourcePathBytes),
        CatalogMigration(
            "v4-promotion-onePerVersionAndZone", sqlite: enforceOnePromotionPerVersionAndZone,
            postgres: PostgreSQL.onePromotionPerVersionAndZone),
        CatalogMigration("v4-retention", sqlite: createRetention, postgres: PostgreSQL.retention),
        CatalogMigration("v4-tiers-lakeIdentity", sqlite: createLakeIdentity, postgres: PostgreSQL.lakeIdentity),
        CatalogMigration("v4-stage-runContext", sqlite: createRunContext, postgres: PostgreSQL.runContext),
        CatalogMigration("v5-ops-leaseHolder", sqlite: addLeaseHolder, postgres: PostgreSQL.leaseHolder),
        CatalogMigration("v6-tokens-serviceToken", sqlite: createServiceTokens, postgres: PostgreSQL.serviceTokens),
        CatalogMigration(
            "v7-pg-queries-listingOrder", sqlite: orderSeriesListings, postgres: PostgreSQL.listingOrder),
        CatalogMigration("v8-listing-sql-studyOrder", sqlite: orderStudyListings, postgres: PostgreSQL.studyOrder),
        CatalogMigration("v9-scale-datasetCounts", sqlite: indexDatasetCounts, postgres: PostgreSQL.datasetCounts),
    ]

    /// The migrator that brings a SQLite catalog file up to the current schema: ``all``'s GRDB bodies.
    public static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        for migration in all {
            migrator.registerMigration(migration.identifier, migrate: migration.sqlite)
        }
        return migrator
    }

    // MARK: - v1

    static func createCatalog(_ db: Database) throws {
        try db.create(table: "dataset") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("name", .text).notNull().unique()
            t.column("zone", .text).notNull().indexed()
            t.column("modalities", .text).notNull().defaults(to: "")
            t.column("assays", .text).notNull().defaults(to: "")
            t.column("sensitivity", .text).notNull().defaults(to: "restricted")
            t.column("consentScope", .text).notNull().defaults(to: "")
            t.column("owner", .text).notNull()
            t.column("status", .text).notNull().defaults(to: "active")
            t.column("createdAt", .datetime).notNull()
        }
        try db.create(table: "datasetVersion") { t in
            t.autoIncrementedPrimaryKey("id")
            t.belongsTo("dataset", onDelete: .cascade).notNull()
            t.column("number", .integer).notNull()
            t.column("state", .text).notNull()
            t.column("manifestHash", .text)
            t.belongsTo("parent", inTable: "datasetVersion")
            t.column("createdBy", .text).notNull()
            t.column("createdAt", .datetime).notNull()
            t.uniqueKey(["datasetId", "number"])
        }
        try db.create(table: "object") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("sha256", .text).notNull().unique()
            t.column("size", .integer).notNull()
            t.column("tier", .text).notNull().indexed()
            t.column("state", .text).notNull()
            t.column("lastAccess", .datetime)
            t.column("createdAt", .datetime).notNull()
        }
        try db.create(table: "datasetFile") { t in
            t.autoIncrementedPrimaryKey("id")
            t.belongsTo("dataset", onDelete: .cascade).notNull()
            t.belongsTo("object").notNull()
            t.column("path", .text).notNull()
            t.column("format", .text).notNull()
            t.column("ingestedAt", .datetime).notNull()
            t.uniqueKey(["datasetId", "objectId"])
        }
        try db.create(table: "study") { t in
            t.autoIncrementedPrimaryKey("id")
            t.belongsTo("dataset", onDelete: .cascade).notNull()
            t.column("studyInstanceUID", .text).notNull().indexed()
            t.column("patientPseudonym", .text)
            t.column("studyDate", .text)
            t.column("description", .text)
            t.uniqueKey(["datasetId", "studyInstanceUID"])
        }
        try db.create(table: "series") { t in
            t.autoIncrementedPrimaryKey("id")
            t.belongsTo("dataset", onDelete: .cascade).notNull()
            t.belongsTo("study", onDelete: .cascade).notNull()
            t.column("seriesInstanceUID", .text).notNull().indexed()
            t.column("modality", .text).notNull()
            t.column("bodyPart", .text)
            t.column("description", .text)
            t.column("instanceCount", .integer).notNull().defaults(to: 0)
            t.column("frameOfReferenceUID", .text)
            t.uniqueKey(["studyId", "seriesInstanceUID"])
        }
        // Counting by modality reads this covering index only, never the instance table.
        try db.create(index: "series_on_modality_instanceCount", on: "series", columns: ["modality", "instanceCount"])
        try db.create(index: "series_on_datasetId_modality", on: "series", columns: ["datasetId", "modality"])
        try db.create(table: "instance") { t in
            t.autoIncrementedPrimaryKey("id")
            t.belongsTo("series", onDelete: .cascade).notNull()
            t.belongsTo("object").notNull()
            t.column("sopInstanceUID", .text).notNull().indexed()
            t.column("sopClassUID", .text)
            t.column("instanceNumber", .integer)
            t.column("transferSyntaxUID", .text)
            t.column("rows", .integer)
            t.column("columns", .integer)
            t.column("frames", .integer)
            t.column("imagePosition", .text)
            t.column("imageOrientation", .text)
            t.column("pixelSpacing", .text)
            t.uniqueKey(["seriesId", "sopInstanceUID"])
        }
        try db.create(table: "sample") { t in
            t.autoIncrementedPrimaryKey("id")
            t.belongsTo("dataset", onDelete: .cascade).notNull()
            t.column("name", .text).notNull().indexed()
            t.column("assay", .text).indexed()
            t.column("platform", .text)
            t.column("referenceGenome", .text)
            t.column("aligner", .text)
            t.column("variantCaller", .text)
            t.uniqueKey(["datasetId", "name"])
        }
        try db.create(table: "genomicFile") { t in
            t.autoIncrementedPrimaryKey("id")
            t.belongsTo("sample", onDelete: .cascade).notNull()
            t.belongsTo("object").notNull()
            t.column("format", .text).notNull()
            t.column("headerFacts", .text).notNull().defaults(to: "{}")
            t.column("stats", .text).notNull().defaults(to: "{}")
            t.uniqueKey(["sampleId", "objectId"])
        }
        try db.create(table: "qualityFlag") { t in
            t.autoIncrementedPrimaryKey("id")
            t.belongsTo("dataset", onDelete: .cascade)
            t.column("targetKind", .text).notNull()
            t.column("target", .text).notNull().indexed()
            t.column("code", .text).notNull()
            t.column("severity", .text).notNull()
            t.column("state", .text).notNull()
            t.column("source", .text).notNull()
            t.column("author", .text).notNull()
            t.column("note", .text).notNull().defaults(to: "")
            t.column("resolution", .text)
            t.column("resolvedBy", .text)
            t.column("createdAt", .datetime).notNull()
            t.column("updatedAt", .datetime).notNull()
        }
        try db.create(index: "qualityFlag_on_state_severity", on: "qualityFlag", columns: ["state", "severity"])
        // A rule raises a given flag on a given target once, however often the same data is ingested.
        try db.create(
            index: "qualityFlag_rule_once",
            on: "qualityFlag",
            columns: ["datasetId", "target", "code"],
            unique: true,
            condition: Column("source") == "rule"
        )
        try db.create(table: "auditEvent") { t in
            t.primaryKey("seq", .integer)
            t.column("time", .integer).notNull().indexed()
            t.column("actor", .text).notNull().indexed()
            t.column("role", .text).notNull()
            t.column("action", .text).notNull().indexed()
            t.column("target", .text).notNull()
            t.column("details", .text).notNull()
            t.column("prevHash", .text).notNull()
            t.column("hash", .text).notNull().unique()
        }
        // Append-only through SQL too; the hash chain catches anyone who drops these triggers first.
        try db.execute(sql: """
            CREATE TRIGGER auditEvent_no_update BEFORE UPDATE ON auditEvent
            BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
            CREATE TRIGGER auditEvent_no_delete BEFORE DELETE ON auditEvent
            BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
            """)
    }
}
