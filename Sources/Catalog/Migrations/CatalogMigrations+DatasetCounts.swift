import GRDB

extension CatalogMigrations {
    // MARK: - v9-scale-datasetCounts

    /// Lets both engines count a dataset's instances (the sum of its series' `instanceCount`) and its open
    /// flags from an index alone: the dataset listing reads every dataset's counts, and without these it
    /// read each of a dataset's series and flags rows (a quarter of a second for a catalog of 200,000
    /// series and 100,000 flags, `Benchmarks/catalog-scale.sh`).
    static func indexDatasetCounts(_ db: Database) throws {
        try db.create(index: "series_on_datasetId_instanceCount", on: "series", columns: ["datasetId", "instanceCount"])
        try db.create(index: "qualityFlag_on_datasetId_state", on: "qualityFlag", columns: ["datasetId", "state"])
    }
}

extension CatalogMigrations.PostgreSQL {
    /// `v9-scale-datasetCounts`: the same indexes.
    static let datasetCounts = """
        CREATE INDEX series_on_datasetId_instanceCount ON series (datasetId, instanceCount);
        CREATE INDEX qualityFlag_on_datasetId_state ON qualityFlag (datasetId, state);
        """
}
