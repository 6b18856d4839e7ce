import GRDB

extension CatalogTransaction {
    /// The objects of the series' first `limit` instances, by instance number.
    public func objectIds(seriesId: Int64, limit: Int) throws -> [Int64] {
        try Int64.fetchAll(
            db, sql: "SELECT objectId FROM instance WHERE seriesId = ? ORDER BY instanceNumber LIMIT ?",
            arguments: [seriesId, limit])
    }

    /// The Series Instance UIDs of the study with row id `studyId`.
    public func seriesUIDs(studyId: Int64) throws -> [String] {
        try String.fetchAll(db, sql: "SELECT seriesInstanceUID FROM series WHERE studyId = ?", arguments: [studyId])
    }
}

extension CatalogTransaction {
    /// The row id of the series with Series Instance UID `uid` in the study, if any.
    public func seriesId(studyId: Int64, uid: String) throws -> Int64? {
        try Int64.fetchOne(
            db.cachedStatement(sql: "SELECT id FROM series WHERE studyId = ? AND seriesInstanceUID = ?"),
            arguments: [studyId, uid])
    }

    /// Adds `count` instances to the series' instance count.
    public func addInstances(_ count: Int, seriesId: Int64) throws {
        try db.cachedStatement(sql: "UPDATE series SET instanceCount = instanceCount + ? WHERE id = ?")
            .execute(arguments: [count, seriesId])
    }
}
