extension CatalogTransaction {
    /// The dataset's versions, oldest (lowest number) first.
    public func versions(datasetId: Int64) throws -> [DatasetVersion] {
        try connection.fetchAll(
            DatasetVersion.self, "SELECT * FROM datasetVersion WHERE datasetId = ? ORDER BY number", [datasetId])
    }

    /// Version `number` of the dataset, if it exists.
    public func version(datasetId: Int64, number: Int) throws -> DatasetVersion? {
        try connection.fetchOne(
            DatasetVersion.self, "SELECT * FROM datasetVersion WHERE datasetId = ? AND number = ?", [datasetId, number])
    }

    /// The version with row id `id`, if any.
    public func version(id: Int64) throws -> DatasetVersion? {
        try connection.fetchOne(DatasetVersion.self, "SELECT * FROM datasetVersion WHERE id = ?", [id])
    }

    /// The number the dataset's next version takes: one past its highest, or 1.
    public func nextVersionNumber(datasetId: Int64) throws -> Int {
        try (connection.fetchValue(
            Int.self, "SELECT MAX(number) FROM datasetVersion WHERE datasetId = ?", [datasetId]) ?? 0) + 1
    }
}

extension CatalogTransaction {
    /// The dataset's newest version (the highest number, draft or published), if it has one.
    public func latestVersion(datasetId: Int64) throws -> DatasetVersion? {
        try connection.fetchOne(
            DatasetVersion.self, "SELECT * FROM datasetVersion WHERE datasetId = ? ORDER BY number DESC LIMIT 1",
            [datasetId])
    }

    /// The newest version of every dataset that has one, with the dataset's name.
    public func latestVersionOfEachDataset() throws -> [(datasetName: String, version: DatasetVersion)] {
        var latest: [(datasetName: String, version: DatasetVersion)] = []
        try connection.visitRows(
            """
            SELECT d.name AS datasetName, v.* FROM dataset d JOIN datasetVersion v ON v.datasetId = d.id
            WHERE v.number = (SELECT MAX(number) FROM datasetVersion WHERE datasetId = d.id)
            """, [], cached: false
        ) { row in
            latest.append((row["datasetName"], try DatasetVersion(row: row)))
            return true
        }
        return latest
    }
}
