extension CatalogTransaction {
    /// The distinct header-facts JSON texts of the dataset's genomic files.
    public func genomicHeaderFacts(datasetId: Int64) throws -> [String] {
        try connection.fetchValues(
            String.self,
            """
            SELECT DISTINCT f.headerFacts FROM sample p JOIN genomicFile f ON f.sampleId = p.id
            WHERE p.datasetId = ?
            """,
            [datasetId])
    }
}

extension CatalogTransaction {
    /// The genomic files of the sample with row id `sampleId`, in the order they were recorded.
    public func genomicFiles(sampleId: Int64) throws -> [GenomicFile] {
        try connection.fetchAll(
            GenomicFile.self, "SELECT * FROM genomicFile WHERE sampleId = ? ORDER BY id", [sampleId])
    }

    /// The SHA-256s of the objects holding the sample's genomic files.
    public func objectHashes(sampleId: Int64) throws -> [String] {
        try connection.fetchValues(
            String.self, "SELECT sha256 FROM object WHERE id IN (SELECT objectId FROM genomicFile WHERE sampleId = ?)",
            [sampleId])
    }
}

extension CatalogTransaction {
    /// Records `file` unless its sample already holds its object in that format.
    public func insertIfNew(_ file: GenomicFile) throws {
        try connection.execute(
            """
            INSERT INTO genomicFile (sampleId, objectId, format, headerFacts, stats) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT DO NOTHING
            """,
            [file.sampleId, file.objectId, file.format, file.headerFacts, file.stats], cached: true)
    }
}
