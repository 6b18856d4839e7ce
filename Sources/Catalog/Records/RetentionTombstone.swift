import Foundation
import GRDB

/// The record an object deleted by retention policy leaves: who asked, who approved, which rule, when.
///
/// Written in the transaction that marks the object `deleted`, before its bytes are removed, so the catalog
/// never says "missing" for an object the lake deleted on purpose.
public struct RetentionTombstone: Codable, Hashable, Sendable, Identifiable {
    public var id: Int64?
    public var objectId: Int64
    public var sha256: String
    public var requestId: Int64
    public var rule: String
    public var requestedBy: String
    /// Comma-separated approvers, in decision order.
    public var approvers: String
    public var deletedAt: Date
    /// True once the tier no longer holds the bytes.
    public var bytesRemoved: Bool

    public init(
        objectId: Int64, sha256: String, requestId: Int64, rule: String, requestedBy: String, approvers: String,
        deletedAt: Date
    ) {
        self.objectId = objectId
        self.sha256 = sha256
        self.requestId = requestId
        self.rule = rule
        self.requestedBy = requestedBy
        self.approvers = approvers
        self.deletedAt = deletedAt
        self.bytesRemoved = false
    }

    public enum Columns {
        public static let objectId = Column(CodingKeys.objectId)
        public static let sha256 = Column(CodingKeys.sha256)
        public static let requestId = Column(CodingKeys.requestId)
        public static let bytesRemoved = Column(CodingKeys.bytesRemoved)
    }
}

// MARK: - Persistence

extension RetentionTombstone: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "retentionTombstone"

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
