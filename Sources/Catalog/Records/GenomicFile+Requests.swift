import GRDB

extension CatalogTransaction {
    /// The distinct header-facts JSON texts of the dataset's genomic files.
    public func genomicHeaderFacts(datasetId: Int64) throws -> [String] {
        try String.fetchAll(
            db,
            sql: """
                SELECT DISTINCT f.headerFacts FROM sample p JOIN genomicFile f ON f.sampleId = p.id
                WHERE p.datasetId = ?
                """,
            arguments: [datasetId])
    }
}

extension CatalogTransaction {
    /// The genomic files of the sample with row id `sampleId`.
    public func genomicFiles(sampleId: Int64) throws -> [GenomicFile] {
        try GenomicFile.filter(GenomicFile.Columns.sampleId == sampleId).fetchAll(db)
    }

    /// The SHA-256s of the objects holding the sample's genomic files.
    public func objectHashes(sampleId: Int64) throws -> [String] {
        try String.fetchAll(
            db, sql: "SELECT sha256 FROM object WHERE id IN (SELECT objectId FROM genomicFile WHERE sampleId = ?)",
            arguments: [sampleId])
    }
}

extension CatalogTransaction {
    /// Records `file` unless its sample already holds its object in that format.
    public func insertIfNew(_ file: GenomicFile) throws {
        try db.cachedStatement(
            sql: """
                INSERT INTO genomicFile (sampleId, objectId, format, headerFacts, stats) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT DO NOTHING
                """
        ).execute(arguments: [file.sampleId, file.objectId, file.format, file.headerFacts, file.stats])
    }
}
