import GRDB

/// What a job's items say about its progress: one count per state group and the bytes moved.
public struct MigrationItemTally: Sendable, Hashable {
    public var done: Int64
    public var failed: Int64
    /// Items still to move: pending, or copied but not yet switched (publishing).
    public var pending: Int64
    /// The bytes of the items done.
    public var bytesDone: Int64
}

extension CatalogTransaction {
    /// The tally of job `jobId`'s items.
    public func itemTally(jobId: Int64) throws -> MigrationItemTally {
        let row = try Row.fetchOne(
            db,
            sql: """
                SELECT SUM(state = 'done') AS done, SUM(state = 'failed') AS failed,
                SUM(state IN ('pending', 'publishing')) AS pending,
                COALESCE(SUM(CASE WHEN state = 'done' THEN size END), 0) AS bytes FROM migrationItem WHERE jobId = ?
                """, arguments: [jobId])
        // SUM over no rows is NULL: a job without items has zero of everything.
        let done: Int64? = row?["done"]
        let failed: Int64? = row?["failed"]
        let pending: Int64? = row?["pending"]
        let bytes: Int64? = row?["bytes"]
        return MigrationItemTally(done: done ?? 0, failed: failed ?? 0, pending: pending ?? 0, bytesDone: bytes ?? 0)
    }

    /// The tiers job `jobId` moves objects out of.
    public func sourceTiers(jobId: Int64) throws -> [String] {
        try String.fetchAll(db, sql: "SELECT DISTINCT fromTier FROM migrationItem WHERE jobId = ?", arguments: [jobId])
    }

    /// Job `jobId`'s pending items by id, each with its object (nil when the object row is gone).
    public func pendingItems(jobId: Int64) throws -> [(item: MigrationItem, object: CatalogObject?)] {
        let items = try MigrationItem.filter(
            MigrationItem.Columns.jobId == jobId && MigrationItem.Columns.state == "pending"
        ).order(MigrationItem.Columns.id).fetchAll(db)
        let objects = try CatalogObject.fetchAll(
            db,
            sql: """
                SELECT o.* FROM migrationItem i JOIN object o ON o.id = i.objectId
                WHERE i.jobId = ? AND i.state = 'pending'
                """, arguments: [jobId])
        let byId = Dictionary(objects.compactMap { object in object.id.map { ($0, object) } }) { first, _ in first }
        return items.map { ($0, byId[$0.objectId]) }
    }

    /// Job `jobId`'s items that are done but whose source copy was not yet removed, with their objects.
    public func itemsWithSourceLeft(jobId: Int64) throws -> [(itemId: Int64, fromTier: String, object: CatalogObject)] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT i.id AS itemId, i.fromTier, o.* FROM migrationItem i JOIN object o ON o.id = i.objectId
                WHERE i.jobId = ? AND i.state = 'done' AND i.sourceRemoved = 0
                """, arguments: [jobId]
        ).map { row in (row["itemId"], row["fromTier"], try CatalogObject(row: row)) }
    }

    /// Job `jobId`'s items whose copy may exist but whose placement was not switched, with their objects.
    public func publishingItems(jobId: Int64) throws -> [(itemId: Int64, object: CatalogObject)] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT i.id AS itemId, o.* FROM migrationItem i JOIN object o ON o.id = i.objectId
                WHERE i.jobId = ? AND i.state = 'publishing'
                """, arguments: [jobId]
        ).map { row in (row["itemId"], try CatalogObject(row: row)) }
    }

    /// Records that the items may have a copy under their digest in the destination (state `publishing`).
    public func markPublishing(itemIds: [Int64?]) throws {
        let mark = try db.cachedStatement(sql: "UPDATE migrationItem SET state = 'publishing' WHERE id = ?")
        for id in itemIds { try mark.execute(arguments: [id]) }
    }

    /// Puts items that were publishing back to pending: their copies were removed, so they move again.
    public func resetPublishing(itemIds: [Int64]) throws {
        let reset = try db.cachedStatement(
            sql: "UPDATE migrationItem SET state = 'pending' WHERE id = ? AND state = 'publishing'")
        for id in itemIds { try reset.execute(arguments: [id]) }
    }

    /// Records that the source copies of the items are gone.
    public func markSourceRemoved(itemIds: [Int64]) throws {
        let mark = try db.cachedStatement(sql: "UPDATE migrationItem SET sourceRemoved = 1 WHERE id = ?")
        for id in itemIds { try mark.execute(arguments: [id]) }
    }

    /// Switches each moved object's placement to `tier` and finishes its item; `sourceRemoved` tells for
    /// each whether no source copy is left to delete (an object already in `tier`).
    public func switchPlacements(_ moves: [(itemId: Int64?, objectId: Int64?, sourceRemoved: Bool)], to tier: String) throws {
        let placeObject = try db.cachedStatement(sql: "UPDATE object SET tier = ? WHERE id = ?")
        let finishItem = try db.cachedStatement(
            sql: "UPDATE migrationItem SET state = 'done', sourceRemoved = ?, error = NULL WHERE id = ?")
        for move in moves {
            try placeObject.execute(arguments: [tier, move.objectId])
            try finishItem.execute(arguments: [move.sourceRemoved, move.itemId])
        }
    }
}
