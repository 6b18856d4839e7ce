import GRDB

extension CatalogTransaction {
    /// Every grant, oldest first, with the name of its dataset.
    public func grantsWithDatasetNames() throws -> [(grant: AccessGrant, dataset: String)] {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT g.*, d.name AS datasetName FROM accessGrant g JOIN dataset d ON d.id = g.datasetId
                ORDER BY g.id
                """)
        return try rows.map { row in (try AccessGrant(row: row), row["datasetName"]) }
    }
}
