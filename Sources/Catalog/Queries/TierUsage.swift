import GRDB

extension CatalogTransaction {
    /// Objects and bytes per tier over the objects not deleted, for the tiers that hold any.
    public func tierUsage() throws -> [String: (objects: Int, bytes: Int64)] {
        var usage: [String: (objects: Int, bytes: Int64)] = [:]
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT tier, COUNT(*) AS objects, IFNULL(SUM(size), 0) AS bytes FROM object
                WHERE state != 'deleted' GROUP BY tier
                """)
        for row in rows { usage[row["tier"]] = (row["objects"], row["bytes"]) }
        return usage
    }
}
