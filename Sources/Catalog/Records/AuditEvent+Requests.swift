import Foundation
import GRDB

extension CatalogTransaction {
    /// The newest event of the chain, the one a new event links to.
    public func lastAuditEvent() throws -> AuditEvent? {
        try AuditEvent.order(AuditEvent.Columns.seq.desc).fetchOne(db)
    }

    /// How many events the chain holds.
    public func auditEventCount() throws -> Int {
        try AuditEvent.fetchCount(db)
    }

    /// Events by `actor`, with `action` (exact, or every action starting with it when it ends in `.`), at or
    /// after `since`; oldest first or newest first, at most `limit`.
    public func auditEvents(
        actor: String? = nil, action: String? = nil, since: Date? = nil, newestFirst: Bool = false, limit: Int? = nil
    ) throws -> [AuditEvent] {
        var request = AuditEvent.order(newestFirst ? AuditEvent.Columns.seq.desc : AuditEvent.Columns.seq)
        if let actor { request = request.filter(AuditEvent.Columns.actor == actor) }
        if let action {
            request = action.hasSuffix(".")
                ? request.filter(AuditEvent.Columns.action.like(action + "%"))
                : request.filter(AuditEvent.Columns.action == action)
        }
        if let since {
            request = request.filter(AuditEvent.Columns.time >= Int64(since.timeIntervalSince1970 * 1000))
        }
        if let limit { request = request.limit(limit) }
        return try request.fetchAll(db)
    }

    /// Calls `body` with every event in sequence order, through a cursor (the chain can be long), until it
    /// returns false.
    public func visitAuditEvents(_ body: (AuditEvent) throws -> Bool) throws {
        let cursor = try AuditEvent.order(AuditEvent.Columns.seq).fetchCursor(db)
        while let event = try cursor.next() {
            guard try body(event) else { return }
        }
    }

    /// The event with sequence number `seq`.
    public func auditEvent(seq: Int64) throws -> AuditEvent? {
        try AuditEvent.filter(AuditEvent.Columns.seq == seq).fetchOne(db)
    }

    /// Every event with one of `actions`, oldest first.
    public func auditEvents(actions: [String]) throws -> [AuditEvent] {
        try AuditEvent.filter(actions.contains(AuditEvent.Columns.action)).order(AuditEvent.Columns.seq).fetchAll(db)
    }

    /// The newest `limit` events about any of `targets`, oldest first.
    public func auditHistory(targets: [String], limit: Int) throws -> [AuditEvent] {
        try AuditEvent.filter(targets.contains(AuditEvent.Columns.target))
            .order(AuditEvent.Columns.seq.desc).limit(limit).fetchAll(db).reversed()
    }

    // MARK: - What an event concerns

    /// The names of the datasets labelled `sensitivity`.
    public func datasetNames(sensitivity: String) throws -> Set<String> {
        try String.fetchSet(db, sql: "SELECT name FROM dataset WHERE sensitivity = ?", arguments: [sensitivity])
    }

    /// The name of the dataset the flag with row id `flagId` belongs to.
    public func datasetName(ofFlag flagId: Int64) throws -> String? {
        try String.fetchOne(
            db, sql: "SELECT d.name FROM qualityFlag f JOIN dataset d ON d.id = f.datasetId WHERE f.id = ?",
            arguments: [flagId])
    }

    /// The name of the dataset the promotion with row id `promotionId` promotes.
    public func datasetName(ofPromotion promotionId: Int64) throws -> String? {
        try String.fetchOne(
            db, sql: "SELECT d.name FROM promotion p JOIN dataset d ON d.id = p.datasetId WHERE p.id = ?",
            arguments: [promotionId])
    }
}

extension AuditEvent {
    /// The decoded `details` object (string values only, as the engine writes them); empty when the text
    /// is not such an object.
    public var detailValues: [String: String] {
        (try? JSONDecoder().decode([String: String].self, from: Data(details.utf8))) ?? [:]
    }
}
