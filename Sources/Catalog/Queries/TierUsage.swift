extension CatalogTransaction {
    /// Objects and bytes per tier over the objects not deleted, for the tiers that hold any.
    public func tierUsage() throws -> [String: (objects: Int, bytes: Int64)] {
        var usage: [String: (objects: Int, bytes: Int64)] = [:]
        // The sum is cast back from PostgreSQL's `numeric` sum of a `bigint`.
        try connection.visitRows(
            """
            SELECT tier, COUNT(*) AS objects, CAST(COALESCE(SUM(size), 0) AS BIGINT) AS bytes FROM object
            WHERE state != 'deleted' GROUP BY tier
            """, [], cached: false
        ) { row in
            usage[row["tier"]] = (row["objects"], row["bytes"])
            return true
        }
        return usage
    }
}
