import Foundation
import GRDB

extension AuditEvent {
    /// The newest event of the log, or nil for an empty log.
    public static func newest(_ db: Database) throws -> AuditEvent? {
        try order(Columns.seq.desc).fetchOne(db)
    }

    /// The event with sequence number `seq`.
    public static func event(seq: Int64, _ db: Database) throws -> AuditEvent? {
        try filter(Columns.seq == seq).fetchOne(db)
    }

    /// Every event with one of `actions`, oldest first.
    public static func events(actions: [String], _ db: Database) throws -> [AuditEvent] {
        try filter(actions.contains(Columns.action)).order(Columns.seq).fetchAll(db)
    }

    /// The decoded `details` object (string values only, as the engine writes them); empty when the text
    /// is not such an object.
    public var detailValues: [String: String] {
        guard let data = details.data(using: .utf8),
            let object = try? JSONDecoder().decode([String: String].self, from: data)
        else { return [:] }
        return object
    }
}
