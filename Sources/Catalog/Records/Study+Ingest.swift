extension CatalogTransaction {
    /// The row id of the study with Study Instance UID `uid` in the dataset, if any.
    public func studyId(datasetId: Int64, uid: String) throws -> Int64? {
        try connection.fetchValue(
            Int64.self, "SELECT id FROM study WHERE datasetId = ? AND studyInstanceUID = ?", [datasetId, uid],
            cached: true)
    }
}
