import Foundation
import GRDB

extension CatalogTransaction {
    /// The deletion request with row id `id`, if any.
    public func retentionRequest(id: Int64) throws -> RetentionRequest? {
        try RetentionRequest.fetchOne(db, key: id)
    }

    /// Deletion requests newest first, optionally in one state.
    public func retentionRequests(state: RetentionRequest.State?) throws -> [RetentionRequest] {
        var request = RetentionRequest.order(RetentionRequest.Columns.id.desc)
        if let state { request = request.filter(RetentionRequest.Columns.state == state.rawValue) }
        return try request.fetchAll(db)
    }

    /// The items (objects) of deletion request `requestId`.
    public func retentionItems(requestId: Int64) throws -> [RetentionItem] {
        try RetentionItem.filter(RetentionItem.Columns.requestId == requestId).fetchAll(db)
    }

    /// The bytes of every object deletion request `requestId` lists.
    public func retentionBytes(requestId: Int64) throws -> Int64 {
        try Int64.fetchOne(
            db,
            sql: """
                SELECT COALESCE(SUM(o.size), 0) FROM retentionItem i JOIN object o ON o.id = i.objectId
                WHERE i.requestId = ?
                """,
            arguments: [requestId]) ?? 0
    }

    /// The objects waiting in a pending deletion request: a plan leaves them out.
    public func objectIdsInPendingDeletions() throws -> Set<Int64> {
        try Set(
            Int64.fetchAll(
                db,
                sql: """
                    SELECT i.objectId FROM retentionItem i JOIN retentionRequest r ON r.id = i.requestId
                    WHERE r.state = 'pending' AND i.state = 'pending'
                    """))
    }

    // MARK: - Approvals

    /// The decisions on deletion request `requestId`, oldest first; only approvals when `approvalsOnly`.
    public func retentionDecisions(requestId: Int64, approvalsOnly: Bool = false) throws -> [RetentionApproval] {
        var request = RetentionApproval.filter(RetentionApproval.Columns.requestId == requestId)
        if approvalsOnly {
            request = request.filter(RetentionApproval.Columns.decision == Decision.approve.rawValue)
        }
        return try request.order(RetentionApproval.Columns.id).fetchAll(db)
    }

    /// `approver`'s decision on deletion request `requestId`, if they decided.
    public func retentionDecision(requestId: Int64, approver: String) throws -> RetentionApproval? {
        try RetentionApproval.filter(
            RetentionApproval.Columns.requestId == requestId && RetentionApproval.Columns.approver == approver
        ).fetchOne(db)
    }

    // MARK: - Tombstones

    /// Replaces the object's tombstone with `tombstone` (an object deleted, re-ingested and deleted again
    /// keeps only its latest; the audit log keeps both deletions) and marks the object deleted.
    public func entomb(_ tombstone: inout RetentionTombstone) throws {
        try RetentionTombstone.filter(RetentionTombstone.Columns.objectId == tombstone.objectId).deleteAll(db)
        try tombstone.insert(db)
        try db.execute(sql: "UPDATE object SET state = 'deleted' WHERE id = ?", arguments: [tombstone.objectId])
    }

    /// How many objects of deletion request `requestId` still have their bytes in a tier.
    public func tombstonesLeft(requestId: Int64) throws -> Int {
        try RetentionTombstone.filter(
            RetentionTombstone.Columns.requestId == requestId && RetentionTombstone.Columns.bytesRemoved == false
        ).fetchCount(db)
    }

    /// The tombstones of deletion request `requestId` whose bytes are still in a tier, with that tier.
    public func tombstonesLeftWithTiers(requestId: Int64) throws -> [(id: Int64, sha256: String, tier: String)] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT t.id, t.sha256, o.tier FROM retentionTombstone t JOIN object o ON o.id = t.objectId
                WHERE t.requestId = ? AND t.bytesRemoved = 0 ORDER BY t.id
                """,
            arguments: [requestId]
        ).map { (id: $0[0], sha256: $0[1], tier: $0[2]) }
    }

    /// Records that the bytes of each tombstone's object are gone from its tier.
    public func markBytesRemoved(tombstoneIds: [Int64]) throws {
        let statement = try db.cachedStatement(sql: "UPDATE retentionTombstone SET bytesRemoved = 1 WHERE id = ?")
        for id in tombstoneIds { try statement.execute(arguments: [id]) }
    }

    // MARK: - Overrides

    /// The retention override of the dataset with row id `datasetId`, if one is set.
    public func retentionOverride(datasetId: Int64) throws -> RetentionOverride? {
        try RetentionOverride.filter(RetentionOverride.Columns.datasetId == datasetId).fetchOne(db)
    }

    /// Sets the dataset's retention override, replacing the one it had.
    public func replaceRetentionOverride(_ record: inout RetentionOverride) throws {
        try RetentionOverride.filter(RetentionOverride.Columns.datasetId == record.datasetId).deleteAll(db)
        try record.insert(db)
    }
}
