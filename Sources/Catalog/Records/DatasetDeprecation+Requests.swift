import GRDB

extension CatalogTransaction {
    /// The deprecation of the dataset with row id `datasetId`, if it is deprecated.
    public func deprecation(datasetId: Int64) throws -> DatasetDeprecation? {
        try DatasetDeprecation.filter(DatasetDeprecation.Columns.datasetId == datasetId).fetchOne(db)
    }

    /// Every deprecation.
    public func deprecations() throws -> [DatasetDeprecation] {
        try DatasetDeprecation.fetchAll(db)
    }

    /// The version with row id `versionId` as a reference, `DATASET@N`, if it still exists.
    public func versionReference(id versionId: Int64) throws -> String? {
        let row = try Row.fetchOne(
            db,
            sql: "SELECT d.name, v.number FROM datasetVersion v JOIN dataset d ON d.id = v.datasetId WHERE v.id = ?",
            arguments: [versionId])
        return row.map { "\($0[0] as String)@\($0[1] as Int)" }
    }
}
