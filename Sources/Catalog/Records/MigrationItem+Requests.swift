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
        // CASE, not SQLite's sum of a comparison: PostgreSQL has no sum of booleans. The bytes are cast back
        // from PostgreSQL's `numeric` sum of a `bigint`.
        var tally = MigrationItemTally(done: 0, failed: 0, pending: 0, bytesDone: 0)
        try connection.visitRows(
            """
            SELECT SUM(CASE WHEN state = 'done' THEN 1 ELSE 0 END) AS done,
            SUM(CASE WHEN state = 'failed' THEN 1 ELSE 0 END) AS failed,
            SUM(CASE WHEN state IN ('pending', 'publishing') THEN 1 ELSE 0 END) AS pending,
            CAST(COALESCE(SUM(CASE WHEN state = 'done' THEN size END), 0) AS BIGINT) AS bytes
            FROM migrationItem WHERE jobId = ?
            """, [jobId], cached: false
        ) { row in
            // SUM over no rows is NULL: a job without items has zero of everything.
            let done: Int64? = row["done"]
            let failed: Int64? = row["failed"]
            let pending: Int64? = row["pending"]
            let bytes: Int64? = row["bytes"]
            tally = MigrationItemTally(
                done: done ?? 0, failed: failed ?? 0, pending: pending ?? 0, bytesDone: bytes ?? 0)
            return false
        }
        return tally
    }

    /// The tiers job `jobId` moves objects out of.
    public func sourceTiers(jobId: Int64) throws -> [String] {
        try connection.fetchValues(
            String.self, "SELECT DISTINCT fromTier FROM migrationItem WHERE jobId = ? ORDER BY fromTier", [jobId])
    }

    /// Job `jobId`'s pending items by id, each with its object (nil when the object row is gone).
    public func pendingItems(jobId: Int64) throws -> [(item: MigrationItem, object: CatalogObject?)] {
        let items = try connection.fetchAll(
            MigrationItem.self, "SELECT * FROM migrationItem WHERE jobId = ? AND state = 'pending' ORDER BY id",
            [jobId])
        let objects = try connection.fetchAll(
            CatalogObject.self,
            """
            SELECT o.* FROM migrationItem i JOIN object o ON o.id = i.objectId
            WHERE i.jobId = ? AND i.state = 'pending'
            """, [jobId])
        let byId = Dictionary(objects.compactMap { object in object.id.map { ($0, object) } }) { first, _ in first }
        return items.map { ($0, byId[$0.objectId]) }
    }

    /// Job `jobId`'s items that are done but whose source copy was not yet removed, with their objects.
    public func itemsWithSourceLeft(jobId: Int64) throws -> [(itemId: Int64, fromTier: String, object: CatalogObject)] {
        var items: [(itemId: Int64, fromTier: String, object: CatalogObject)] = []
        try connection.visitRows(
            """
            SELECT i.id AS itemId, i.fromTier, o.* FROM migrationItem i JOIN object o ON o.id = i.objectId
            WHERE i.jobId = ? AND i.state = 'done' AND i.sourceRemoved = false ORDER BY i.id
            """, [jobId], cached: false
        ) { row in
            items.append((row["itemId"], row["fromTier"], try CatalogObject(row: row)))
            return true
        }
        return items
    }

    /// Job `jobId`'s items whose copy may exist but whose placement was not switched, with their objects.
    public func publishingItems(jobId: Int64) throws -> [(itemId: Int64, object: CatalogObject)] {
        var items: [(itemId: Int64, object: CatalogObject)] = []
        try connection.visitRows(
            """
            SELECT i.id AS itemId, o.* FROM migrationItem i JOIN object o ON o.id = i.objectId
            WHERE i.jobId = ? AND i.state = 'publishing' ORDER BY i.id
            """, [jobId], cached: false
        ) { row in
            items.append((row["itemId"], try CatalogObject(row: row)))
            return true
        }
        return items
    }

    /// Records that the items may have a copy under their digest in the destination (state `publishing`).
    public func markPublishing(itemIds: [Int64?]) throws {
        for id in itemIds {
            try connection.execute("UPDATE migrationItem SET state = 'publishing' WHERE id = ?", [id], cached: true)
        }
    }

    /// Puts items that were publishing back to pending: their copies were removed, so they move again.
    public func resetPublishing(itemIds: [Int64]) throws {
        for id in itemIds {
            try connection.execute(
                "UPDATE migrationItem SET state = 'pending' WHERE id = ? AND state = 'publishing'", [id], cached: true)
        }
    }

    /// Records that the source copies of the items are gone.
    public func markSourceRemoved(itemIds: [Int64]) throws {
        for id in itemIds {
            try connection.execute("UPDATE migrationItem SET sourceRemoved = true WHERE id = ?", [id], cached: true)
        }
    }

    /// Switches each moved object's placement to `tier` and finishes its item; `sourceRemoved` tells for
    /// each whether no source copy is left to delete (an object already in `tier`).
    public func switchPlacements(_ moves: [(itemId: Int64?, objectId: Int64?, sourceRemoved: Bool)], to tier: String) throws {
        for move in moves {
            try connection.execute("UPDATE object SET tier = ? WHERE id = ?", [tier, move.objectId], cached: true)
            try connection.execute(
                "UPDATE migrationItem SET state = 'done', sourceRemoved = ?, error = NULL WHERE id = ?",
                [move.sourceRemoved, move.itemId], cached: true)
        }
    }
}
