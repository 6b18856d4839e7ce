import GRDB

extension CatalogTransaction {
    /// The row id of sample `name` in the dataset, if any.
    public func sampleId(datasetId: Int64, name: String) throws -> Int64? {
        try Int64.fetchOne(
            db.cachedStatement(sql: "SELECT id FROM sample WHERE datasetId = ? AND name = ?"),
            arguments: [datasetId, name])
    }

    /// Fills the facts sample `id` lacks (assay, reference, platform, aligner, variant caller) from `facts`;
    /// facts it has are kept (the first file that names them wins).
    public func fillFacts(ofSample id: Int64, from facts: Sample) throws {
        try db.cachedStatement(
            sql: """
                UPDATE sample SET assay = IFNULL(assay, ?), referenceGenome = IFNULL(referenceGenome, ?),
                platform = IFNULL(platform, ?), aligner = IFNULL(aligner, ?),
                variantCaller = IFNULL(variantCaller, ?)
                WHERE id = ?
                """
        ).execute(
            arguments: [facts.assay, facts.referenceGenome, facts.platform, facts.aligner, facts.variantCaller, id])
    }
}
