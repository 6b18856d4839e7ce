extension CatalogTransaction {
    /// The objects of the series' first `limit` instances, by instance number.
    public func objectIds(seriesId: Int64, limit: Int) throws -> [Int64] {
        try connection.fetchValues(
            Int64.self, "SELECT objectId FROM instance WHERE seriesId = ? ORDER BY instanceNumber LIMIT ?",
            [seriesId, limit])
    }

    /// The Series Instance UIDs of the study with row id `studyId`.
    public func seriesUIDs(studyId: Int64) throws -> [String] {
        try connection.fetchValues(String.self, "SELECT seriesInstanceUID FROM series WHERE studyId = ?", [studyId])
    }
}

extension CatalogTransaction {
    /// The row id of the series with Series Instance UID `uid` in the study, if any.
    public func seriesId(studyId: Int64, uid: String) throws -> Int64? {
        try connection.fetchValue(
            Int64.self, "SELECT id FROM series WHERE studyId = ? AND seriesInstanceUID = ?", [studyId, uid],
            cached: true)
    }

    /// Adds `count` instances to the series' instance count.
    public func addInstances(_ count: Int, seriesId: Int64) throws {
        try connection.execute(
            "UPDATE series SET instanceCount = instanceCount + ? WHERE id = ?", [count, seriesId], cached: true)
    }
}
