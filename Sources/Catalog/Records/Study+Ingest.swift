import GRDB

extension CatalogTransaction {
    /// The row id of the study with Study Instance UID `uid` in the dataset, if any.
    public func studyId(datasetId: Int64, uid: String) throws -> Int64? {
        try Int64.fetchOne(
            db.cachedStatement(sql: "SELECT id FROM study WHERE datasetId = ? AND studyInstanceUID = ?"),
            arguments: [datasetId, uid])
    }
}
