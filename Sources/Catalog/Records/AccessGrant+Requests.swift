import Foundation
import GRDB

extension CatalogTransaction {
    /// The grant with row id `id`, if any.
    public func grant(id: Int64) throws -> AccessGrant? {
        try AccessGrant.fetchOne(db, key: id)
    }

    /// `principal`'s grants on the dataset with row id `datasetId` that are neither revoked nor expired at
    /// `now`, newest first.
    public func liveGrants(principal: String, datasetId: Int64, at now: Date) throws -> [AccessGrant] {
        try AccessGrant.filter(
            AccessGrant.Columns.principal == principal && AccessGrant.Columns.datasetId == datasetId
                && AccessGrant.Columns.revokedAt == nil && AccessGrant.Columns.expiresAt > now
        ).order(AccessGrant.Columns.id.desc).fetchAll(db)
    }

    /// The row id of `principal`'s newest grant on dataset `datasetName`, live or not.
    public func latestGrantId(principal: String, datasetName: String) throws -> Int64? {
        try Int64.fetchOne(
            db,
            sql: """
                SELECT g.id FROM accessGrant g JOIN dataset d ON d.id = g.datasetId
                WHERE d.name = ? AND g.principal = ? ORDER BY g.id DESC LIMIT 1
                """,
            arguments: [datasetName, principal])
    }

    /// Every grant, newest first, with its dataset's name and sensitivity label.
    public func grantsWithDatasets() throws -> [(grant: AccessGrant, datasetName: String, sensitivity: String)] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT g.*, d.name AS datasetName, d.sensitivity AS datasetSensitivity
                FROM accessGrant g JOIN dataset d ON d.id = g.datasetId ORDER BY g.id DESC
                """
        ).map { row in (try AccessGrant(row: row), row["datasetName"], row["datasetSensitivity"]) }
    }
}
