import Foundation

extension CatalogTransaction {
    /// The grant with row id `id`, if any.
    public func grant(id: Int64) throws -> AccessGrant? {
        try connection.fetchOne(AccessGrant.self, "SELECT * FROM accessGrant WHERE id = ?", [id])
    }

    /// `principal`'s grants on the dataset with row id `datasetId` that are neither revoked nor expired at
    /// `now`, newest first. A grant expiring exactly at `now` is expired.
    ///
    /// The dates compare as dates on both engines: SQLite's are GRDB's fixed-width UTC text, PostgreSQL types
    /// the argument from the `timestamptz` column.
    public func liveGrants(principal: String, datasetId: Int64, at now: Date) throws -> [AccessGrant] {
        try connection.fetchAll(
            AccessGrant.self,
            """
            SELECT * FROM accessGrant
            WHERE principal = ? AND datasetId = ? AND revokedAt IS NULL AND expiresAt > ? ORDER BY id DESC
            """,
            [principal, datasetId, now])
    }

    /// The row id of `principal`'s newest grant on dataset `datasetName`, live or not.
    public func latestGrantId(principal: String, datasetName: String) throws -> Int64? {
        try connection.fetchValue(
            Int64.self,
            """
            SELECT g.id FROM accessGrant g JOIN dataset d ON d.id = g.datasetId
            WHERE d.name = ? AND g.principal = ? ORDER BY g.id DESC LIMIT 1
            """,
            [datasetName, principal])
    }

    /// Every grant, newest first, with its dataset's name and sensitivity label.
    public func grantsWithDatasets() throws -> [(grant: AccessGrant, datasetName: String, sensitivity: String)] {
        var grants: [(grant: AccessGrant, datasetName: String, sensitivity: String)] = []
        try connection.visitRows(
            """
            SELECT g.*, d.name AS datasetName, d.sensitivity AS datasetSensitivity
            FROM accessGrant g JOIN dataset d ON d.id = g.datasetId ORDER BY g.id DESC
            """,
            [], cached: false
        ) { row in
            grants.append((try AccessGrant(row: row), row["datasetName"], row["datasetSensitivity"]))
            return true
        }
        return grants
    }
}
