import Foundation
import GRDB

/// One person's decision on a deletion request (unique per person), like ``PromotionApproval``.
public struct RetentionApproval: Codable, Hashable, Sendable, Identifiable {
    public var id: Int64?
    public var requestId: Int64
    public var approver: String
    public var decision: Decision
    public var comment: String
    /// The grant that allowed the decision, when not a role.
    public var grantId: Int64?
    public var createdAt: Date

    public init(requestId: Int64, approver: String, decision: Decision, comment: String, grantId: Int64?, createdAt: Date) {
        self.requestId = requestId
        self.approver = approver
        self.decision = decision
        self.comment = comment
        self.grantId = grantId
        self.createdAt = createdAt
    }

    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let requestId = Column(CodingKeys.requestId)
        public static let approver = Column(CodingKeys.approver)
        public static let decision = Column(CodingKeys.decision)
    }
}

// MARK: - Persistence

extension RetentionApproval: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "retentionApproval"

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
