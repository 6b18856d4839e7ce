extension CatalogTransaction {
    /// The deprecation of the dataset with row id `datasetId`, if it is deprecated.
    public func deprecation(datasetId: Int64) throws -> DatasetDeprecation? {
        try connection.fetchOne(DatasetDeprecation.self, "SELECT * FROM datasetDeprecation WHERE datasetId = ?", [datasetId])
    }

    /// Every deprecation, oldest first.
    public func deprecations() throws -> [DatasetDeprecation] {
        try connection.fetchAll(DatasetDeprecation.self, "SELECT * FROM datasetDeprecation ORDER BY id")
    }

    /// The version with row id `versionId` as a reference, `DATASET@N`, if it still exists.
    public func versionReference(id versionId: Int64) throws -> String? {
        var reference: String?
        try connection.visitRows(
            """
            SELECT d.name AS datasetName, v.number AS versionNumber FROM datasetVersion v
            JOIN dataset d ON d.id = v.datasetId WHERE v.id = ?
            """,
            [versionId], cached: false
        ) { row in
            reference = "\(row["datasetName"] as String)@\(row["versionNumber"] as Int)"
            return false
        }
        return reference
    }
}
