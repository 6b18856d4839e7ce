extension CatalogTransaction {
    /// How many files the dataset's draft holds.
    public func fileCount(datasetId: Int64) throws -> Int {
        try connection.fetchValue(Int.self, "SELECT COUNT(*) FROM datasetFile WHERE datasetId = ?", [datasetId]) ?? 0
    }

    /// The SHA-256s of the objects the dataset's draft holds.
    public func objectHashes(datasetId: Int64) throws -> Set<String> {
        Set(
            try connection.fetchValues(
                String.self, "SELECT o.sha256 FROM datasetFile f JOIN object o ON o.id = f.objectId WHERE f.datasetId = ?",
                [datasetId]))
    }

    /// Adds `file` to its dataset unless the dataset holds its object already; returns whether it was added.
    ///
    /// Explicit SQL through the statement cache rather than the record's `Codable` encoding: ingest runs it
    /// once per file.
    public func insertIfNew(_ file: DatasetFile) throws -> Bool {
        try connection.execute(
            """
            INSERT INTO datasetFile (datasetId, objectId, path, pathBytes, format, ingestedAt)
            VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT DO NOTHING
            """,
            [file.datasetId, file.objectId, file.path, file.pathBytes, file.format, file.ingestedAt], cached: true) > 0
    }
}
