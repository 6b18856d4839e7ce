import GRDB

extension CatalogMigrations {
    // MARK: - v2-remote-sources

    /// Ingest from DICOM servers: where each dataset's last pull from a server stopped, and the digest
    /// of each DICOM object's data set after its file meta group (a server may rewrite group 0002, so
    /// two files with different bytes can hold the same instance).
    static func createRemoteSources(_ db: Database) throws {
        try db.create(table: "remoteSource") { t in
            t.autoIncrementedPrimaryKey("id")
            t.belongsTo("dataset", onDelete: .cascade).notNull()
            t.column("kind", .text).notNull()
            t.column("url", .text).notNull()
            t.column("cursor", .integer).notNull().defaults(to: 0)
            t.column("instancesIngested", .integer).notNull().defaults(to: 0)
            t.column("updatedAt", .datetime).notNull()
            t.uniqueKey(["datasetId", "kind", "url"])
        }
        try db.alter(table: "object") { t in
            t.add(column: "dicomDataSetSHA256", .text)
        }
        try db.create(index: "object_on_dicomDataSetSHA256", on: "object", columns: ["dicomDataSetSHA256"])
    }
}
