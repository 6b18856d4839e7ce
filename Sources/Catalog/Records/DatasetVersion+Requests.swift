import GRDB

extension CatalogTransaction {
    /// The dataset's versions, oldest (lowest number) first.
    public func versions(datasetId: Int64) throws -> [DatasetVersion] {
        try DatasetVersion.filter(DatasetVersion.Columns.datasetId == datasetId)
            .order(DatasetVersion.Columns.number).fetchAll(db)
    }

    /// Version `number` of the dataset, if it exists.
    public func version(datasetId: Int64, number: Int) throws -> DatasetVersion? {
        try DatasetVersion.filter(
            DatasetVersion.Columns.datasetId == datasetId && DatasetVersion.Columns.number == number
        ).fetchOne(db)
    }

    /// The version with row id `id`, if any.
    public func version(id: Int64) throws -> DatasetVersion? {
        try DatasetVersion.fetchOne(db, key: id)
    }

    /// The number the dataset's next version takes: one past its highest, or 1.
    public func nextVersionNumber(datasetId: Int64) throws -> Int {
        try (Int.fetchOne(db, sql: "SELECT MAX(number) FROM datasetVersion WHERE datasetId = ?", arguments: [datasetId])
            ?? 0) + 1
    }
}

extension CatalogTransaction {
    /// The dataset's newest version (the highest number, draft or published), if it has one.
    public func latestVersion(datasetId: Int64) throws -> DatasetVersion? {
        try DatasetVersion.filter(DatasetVersion.Columns.datasetId == datasetId)
            .order(DatasetVersion.Columns.number.desc).fetchOne(db)
    }

    /// The newest version of every dataset that has one, with the dataset's name.
    public func latestVersionOfEachDataset() throws -> [(datasetName: String, version: DatasetVersion)] {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT d.name AS datasetName, v.* FROM dataset d JOIN datasetVersion v ON v.datasetId = d.id
                WHERE v.number = (SELECT MAX(number) FROM datasetVersion WHERE datasetId = d.id)
                """)
        return try rows.map { row in (row["datasetName"], try DatasetVersion(row: row)) }
    }
}
