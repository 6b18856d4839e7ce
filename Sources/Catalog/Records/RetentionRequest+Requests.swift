import Foundation

extension CatalogTransaction {
    /// The deletion request with row id `id`, if any.
    public func retentionRequest(id: Int64) throws -> RetentionRequest? {
        try connection.fetchOne(RetentionRequest.self, "SELECT * FROM retentionRequest WHERE id = ?", [id])
    }

    /// Deletion requests newest first, optionally in one state.
    public func retentionRequests(state: RetentionRequest.State?) throws -> [RetentionRequest] {
        guard let state else {
            return try connection.fetchAll(RetentionRequest.self, "SELECT * FROM retentionRequest ORDER BY id DESC")
        }
        return try connection.fetchAll(
            RetentionRequest.self, "SELECT * FROM retentionRequest WHERE state = ? ORDER BY id DESC", [state.rawValue])
    }

    /// The items (objects) of deletion request `requestId`, by object row id.
    public func retentionItems(requestId: Int64) throws -> [RetentionItem] {
        try connection.fetchAll(
            RetentionItem.self, "SELECT * FROM retentionItem WHERE requestId = ? ORDER BY objectId", [requestId])
    }

    /// The bytes of every object deletion request `requestId` lists.
    public func retentionBytes(requestId: Int64) throws -> Int64 {
        // PostgreSQL sums a bigint into a numeric: the cast brings it back to an integer on both engines.
        try connection.fetchValue(
            Int64.self,
            """
            SELECT CAST(COALESCE(SUM(o.size), 0) AS BIGINT) FROM retentionItem i JOIN object o ON o.id = i.objectId
            WHERE i.requestId = ?
            """,
            [requestId]) ?? 0
    }

    /// The objects waiting in a pending deletion request: a plan leaves them out.
    public func objectIdsInPendingDeletions() throws -> Set<Int64> {
        try Set(
            connection.fetchValues(
                Int64.self,
                """
                SELECT i.objectId FROM retentionItem i JOIN retentionRequest r ON r.id = i.requestId
                WHERE r.state = 'pending' AND i.state = 'pending'
                """))
    }

    // MARK: - Approvals

    /// The decisions on deletion request `requestId`, oldest first; only approvals when `approvalsOnly`.
    public func retentionDecisions(requestId: Int64, approvalsOnly: Bool = false) throws -> [RetentionApproval] {
        guard approvalsOnly else {
            return try connection.fetchAll(
                RetentionApproval.self, "SELECT * FROM retentionApproval WHERE requestId = ? ORDER BY id", [requestId])
        }
        return try connection.fetchAll(
            RetentionApproval.self, "SELECT * FROM retentionApproval WHERE requestId = ? AND decision = ? ORDER BY id",
            [requestId, Decision.approve.rawValue])
    }

    /// `approver`'s decision on deletion request `requestId`, if they decided.
    public func retentionDecision(requestId: Int64, approver: String) throws -> RetentionApproval? {
        try connection.fetchOne(
            RetentionApproval.self, "SELECT * FROM retentionApproval WHERE requestId = ? AND approver = ?",
            [requestId, approver])
    }

    // MARK: - Tombstones

    /// Replaces the object's tombstone with `tombstone` (an object deleted, re-ingested and deleted again
    /// keeps only its latest; the audit log keeps both deletions) and marks the object deleted.
    public func entomb(_ tombstone: inout RetentionTombstone) throws {
        try connection.execute("DELETE FROM retentionTombstone WHERE objectId = ?", [tombstone.objectId], cached: false)
        try insert(&tombstone)
        try connection.execute("UPDATE object SET state = 'deleted' WHERE id = ?", [tombstone.objectId], cached: false)
    }

    /// How many objects of deletion request `requestId` still have their bytes in a tier.
    public func tombstonesLeft(requestId: Int64) throws -> Int {
        try connection.fetchValue(
            Int.self, "SELECT COUNT(*) FROM retentionTombstone WHERE requestId = ? AND bytesRemoved = false",
            [requestId]) ?? 0
    }

    /// The tombstones of deletion request `requestId` whose bytes are still in a tier, with that tier.
    public func tombstonesLeftWithTiers(requestId: Int64) throws -> [(id: Int64, sha256: String, tier: String)] {
        var tombstones: [(id: Int64, sha256: String, tier: String)] = []
        try connection.visitRows(
            """
            SELECT t.id AS id, t.sha256 AS sha256, o.tier AS tier FROM retentionTombstone t
            JOIN object o ON o.id = t.objectId WHERE t.requestId = ? AND t.bytesRemoved = false ORDER BY t.id
            """,
            [requestId], cached: false
        ) { row in
            tombstones.append((id: row["id"], sha256: row["sha256"], tier: row["tier"]))
            return true
        }
        return tombstones
    }

    /// Records that the bytes of each tombstone's object are gone from its tier.
    public func markBytesRemoved(tombstoneIds: [Int64]) throws {
        for id in tombstoneIds {
            try connection.execute("UPDATE retentionTombstone SET bytesRemoved = true WHERE id = ?", [id], cached: true)
        }
    }

    // MARK: - Overrides

    /// The retention override of the dataset with row id `datasetId`, if one is set.
    public func retentionOverride(datasetId: Int64) throws -> RetentionOverride? {
        try connection.fetchOne(RetentionOverride.self, "SELECT * FROM retentionOverride WHERE datasetId = ?", [datasetId])
    }

    /// Sets the dataset's retention override, replacing the one it had.
    public func replaceRetentionOverride(_ record: inout RetentionOverride) throws {
        try connection.execute("DELETE FROM retentionOverride WHERE datasetId = ?", [record.datasetId], cached: false)
        try insert(&record)
    }
}
