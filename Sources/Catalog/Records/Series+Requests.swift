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
