import Foundation
import GRDB

/// One person's decision on a promotion (unique per person).
public struct PromotionApproval: Codable, Hashable, Sendable, Identifiable {
    public var id: Int64?
    public var promotionId: Int64
    public var approver: String
    public var decision: Decision
    public var comment: String
    /// The grant that allowed the decision, when not a role.
    public var grantId: Int64?
    public var createdAt: Date

    public init(id: Int64? = nil, promotionId: Int64, approver: String, decision: Decision, comment: String, grantId: Int64? = nil, createdAt: Date) {
        self.id = id
        self.promotionId = promotionId
        self.approver = approver
        self.decision = decision
        self.comment = comment
        self.grantId = grantId
        self.createdAt = createdAt
    }

    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let promotionId = Column(CodingKeys.promotionId)
        public static let approver = Column(CodingKeys.approver)
        public static let decision = Column(CodingKeys.decision)
        public static let comment = Column(CodingKeys.comment)
        public static let grantId = Column(CodingKeys.grantId)
        public static let createdAt = Column(CodingKeys.createdAt)
    }
}

// MARK: - Persistence

extension PromotionApproval: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "promotionApproval"

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
