import Foundation
import GRDB

extension CatalogTransaction {
    /// Holds the audit chain until this transaction ends, so no other append reads the same tail: call it
    /// before reading the tail an append links to (``lastAuditEvent()``).
    ///
    /// On PostgreSQL it takes the catalog's audit advisory lock (`pg_advisory_xact_lock`, released at
    /// commit or rollback); the transaction is `READ COMMITTED`, so the tail read after it is the one the
    /// previous holder committed. Appends are then one total order across processes and hosts on their own,
    /// not only because every write also takes the catalog's write lock. On SQLite the write transaction
    /// already holds the whole file (`BEGIN IMMEDIATE`): nothing to do.
    public func lockAuditChain() throws {
        guard let connection = connection as? PostgresCatalogConnection else { return }
        _ = try connection.run(connection.pool.lock(PostgresCatalogPool.auditLock), [])
    }

    /// The newest event of the chain, the one a new event links to.
    public func lastAuditEvent() throws -> AuditEvent? {
        try connection.fetchOne(AuditEvent.self, "SELECT * FROM auditEvent ORDER BY seq DESC LIMIT 1")
    }

    /// How many events the chain holds.
    public func auditEventCount() throws -> Int {
        try connection.fetchValue(Int.self, "SELECT COUNT(*) FROM auditEvent") ?? 0
    }

    /// Events by `actor`, with `action` (exact, or every action starting with it when it ends in `.`), at or
    /// after `since`; oldest first or newest first, `offset` skipped, at most `limit`.
    public func auditEvents(
        actor: String? = nil, action: String? = nil, since: Date? = nil, newestFirst: Bool = false, offset: Int = 0,
        limit: Int? = nil
    ) throws -> [AuditEvent] {
        var (conditions, arguments) = Self.auditConditions(actor: actor, action: action, since: since)
        var sql = "SELECT * FROM auditEvent WHERE \(conditions) ORDER BY seq"
        if newestFirst { sql += " DESC" }
        // SQLite takes no OFFSET without a LIMIT, so one is always bound (2³¹ − 1 when none is asked).
        sql += " LIMIT ? OFFSET ?"
        arguments += [limit ?? Int(Int32.max), max(0, offset)]
        return try connection.fetchAll(AuditEvent.self, sql, arguments)
    }

    /// How many events ``auditEvents(actor:action:since:newestFirst:offset:limit:)`` selects without a page.
    public func auditEventCount(actor: String?, action: String?, since: Date?) throws -> Int {
        let (conditions, arguments) = Self.auditConditions(actor: actor, action: action, since: since)
        return try connection.fetchValue(Int.self, "SELECT COUNT(*) FROM auditEvent WHERE \(conditions)", arguments) ?? 0
    }

    /// The `WHERE` conditions of an audit listing, with their arguments.
    private static func auditConditions(
        actor: String?, action: String?, since: Date?
    ) -> (sql: String, arguments: CatalogArguments) {
        var conditions = ["true"]
        var arguments: CatalogArguments = []
        if let actor {
            conditions.append("actor = ?")
            arguments.append(actor)
        }
        if let action {
            // A word without a dot selects itself and its family (`promotion`: `promotion.request`…), a
            // dotted name itself, a name ending in `.` the family below it. A range, not LIKE: an action
            // name's `_` is no wildcard, and the comparison can use an index. Both engines compare text
            // bytewise here (SQLite's BINARY collation, `COLLATE "C"` columns on PostgreSQL).
            let family = action.hasSuffix(".") ? String(action.dropLast()) : action
            let member = "(action >= ? AND action < ?)"
            if action.hasSuffix(".") {
                conditions.append(member)
                arguments += [family + ".", family + "/"]
            } else if action.contains(".") {
                conditions.append("action = ?")
                arguments.append(action)
            } else {
                conditions.append("(action = ? OR \(member))")
                arguments += [action, family + ".", family + "/"]
            }
        }
        if let since {
            conditions.append("time >= ?")
            arguments.append(Int64(since.timeIntervalSince1970 * 1000))
        }
        return (conditions.joined(separator: " AND "), arguments)
    }

    /// Calls `body` with every event in sequence order, through a cursor (the chain can be long), until it
    /// returns false.
    public func visitAuditEvents(_ body: (AuditEvent) throws -> Bool) throws {
        try connection.visitRows("SELECT * FROM auditEvent ORDER BY seq", [], cached: false) { row in
            try body(AuditEvent(row: row))
        }
    }

    /// The event with sequence number `seq`.
    public func auditEvent(seq: Int64) throws -> AuditEvent? {
        try connection.fetchOne(AuditEvent.self, "SELECT * FROM auditEvent WHERE seq = ?", [seq])
    }

    /// Every event with one of `actions`, oldest first.
    public func auditEvents(actions: [String]) throws -> [AuditEvent] {
        guard !actions.isEmpty else { return [] }
        return try connection.fetchAll(
            AuditEvent.self, "SELECT * FROM auditEvent WHERE action IN (\(placeholders(actions.count))) ORDER BY seq",
            actions)
    }

    /// The newest `limit` events about any of `targets`, oldest first.
    public func auditHistory(targets: [String], limit: Int) throws -> [AuditEvent] {
        guard !targets.isEmpty else { return [] }
        var arguments: CatalogArguments = targets
        arguments.append(limit)
        return try connection.fetchAll(
            AuditEvent.self,
            "SELECT * FROM auditEvent WHERE target IN (\(placeholders(targets.count))) ORDER BY seq DESC LIMIT ?",
            arguments
        ).reversed()
    }

    // MARK: - What an event concerns

    /// The names of the datasets labelled `sensitivity`.
    public func datasetNames(sensitivity: String) throws -> Set<String> {
        Set(try connection.fetchValues(String.self, "SELECT name FROM dataset WHERE sensitivity = ?", [sensitivity]))
    }

    /// The name of the dataset the flag with row id `flagId` belongs to.
    public func datasetName(ofFlag flagId: Int64) throws -> String? {
        try connection.fetchValue(
            String.self, "SELECT d.name FROM qualityFlag f JOIN dataset d ON d.id = f.datasetId WHERE f.id = ?", [flagId])
    }

    /// The name of the dataset the promotion with row id `promotionId` promotes.
    public func datasetName(ofPromotion promotionId: Int64) throws -> String? {
        try connection.fetchValue(
            String.self, "SELECT d.name FROM promotion p JOIN dataset d ON d.id = p.datasetId WHERE p.id = ?",
            [promotionId])
    }
}

extension AuditEvent {
    /// The decoded `details` object (string values only, as the engine writes them); empty when the text
    /// is not such an object.
    public var detailValues: [String: String] {
        (try? JSONDecoder().decode([String: String].self, from: Data(details.utf8))) ?? [:]
    }
}
