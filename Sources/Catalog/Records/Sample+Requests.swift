extension CatalogTransaction {
    /// The row id of sample `name` in the dataset, if any.
    public func sampleId(datasetId: Int64, name: String) throws -> Int64? {
        try connection.fetchValue(
            Int64.self, "SELECT id FROM sample WHERE datasetId = ? AND name = ?", [datasetId, name], cached: true)
    }

    /// Fills the facts sample `id` lacks (assay, reference, platform, aligner, variant caller) from `facts`;
    /// facts it has are kept (the first file that names them wins).
    public func fillFacts(ofSample id: Int64, from facts: Sample) throws {
        try connection.execute(
            """
            UPDATE sample SET assay = COALESCE(assay, ?), referenceGenome = COALESCE(referenceGenome, ?),
            platform = COALESCE(platform, ?), aligner = COALESCE(aligner, ?),
            variantCaller = COALESCE(variantCaller, ?)
            WHERE id = ?
            """,
            [facts.assay, facts.referenceGenome, facts.platform, facts.aligner, facts.variantCaller, id], cached: true)
    }
}
