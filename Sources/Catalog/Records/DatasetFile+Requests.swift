import GRDB

extension CatalogTransaction {
    /// How many files the dataset's draft holds.
    public func fileCount(datasetId: Int64) throws -> Int {
        try DatasetFile.filter(DatasetFile.Columns.datasetId == datasetId).fetchCount(db)
    }

    /// The SHA-256s of the objects the dataset's draft holds.
    public func objectHashes(datasetId: Int64) throws -> Set<String> {
        Set(
            try String.fetchAll(
                db, sql: "SELECT o.sha256 FROM datasetFile f JOIN object o ON o.id = f.objectId WHERE f.datasetId = ?",
                arguments: [datasetId]))
    }

    /// Adds `file` to its dataset unless the dataset holds its object already; returns whether it was added.
    ///
    /// Explicit SQL through the statement cache rather than the record's `Codable` encoding: ingest runs it
    /// once per file.
    public func insertIfNew(_ file: DatasetFile) throws -> Bool {
        try db.cachedStatement(
            sql: """
                INSERT INTO datasetFile (datasetId, objectId, path, pathBytes, format, ingestedAt)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT DO NOTHING
                """
        ).execute(arguments: [file.datasetId, file.objectId, file.path, file.pathBytes, file.format, file.ingestedAt])
        return try db.changesCount > 0
    }
}
