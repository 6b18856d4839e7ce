import Foundation
import GRDB

extension CatalogTransaction {
    /// The newest `limit` events about any of `targets`, oldest first.
    public func auditHistory(targets: [String], limit: Int) throws -> [AuditEvent] {
        try AuditEvent.filter(targets.contains(AuditEvent.Columns.target))
            .order(AuditEvent.Columns.seq.desc).limit(limit).fetchAll(db).reversed()
    }

    /// The newest event of the log, or nil for an empty log.
    public func newestAuditEvent() throws -> AuditEvent? {
        try AuditEvent.order(AuditEvent.Columns.seq.desc).fetchOne(db)
    }

    /// The event with sequence number `seq`.
    public func auditEvent(seq: Int64) throws -> AuditEvent? {
        try AuditEvent.filter(AuditEvent.Columns.seq == seq).fetchOne(db)
    }

    /// Every event with one of `actions`, oldest first.
    public func auditEvents(actions: [String]) throws -> [AuditEvent] {
        try AuditEvent.filter(actions.contains(AuditEvent.Columns.action)).order(AuditEvent.Columns.seq).fetchAll(db)
    }

    /// Calls `body` with every event in sequence order, one row in memory at a time, until it returns false.
    public func forEachAuditEvent(_ body: (AuditEvent) throws -> Bool) throws {
        let cursor = try AuditEvent.order(AuditEvent.Columns.seq).fetchCursor(db)
        while let event = try cursor.next() {
            guard try body(event) else { return }
        }
    }
}

extension AuditEvent {
    /// The decoded `details` object (string values only, as the engine writes them); empty when the text
    /// is not such an object.
    public var detailValues: [String: String] {
        guard let object = try? JSONDecoder().decode([String: String].self, from: Data(details.utf8)) else { return [:] }
        return object
    }
}
