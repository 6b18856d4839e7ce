import Foundation
import GRDB

/// Time-limited access of one user to one dataset.
public struct AccessGrant: Codable, Hashable, Sendable, Identifiable {
    public var id: Int64?
    /// The Unix user granted access.
    public var principal: String
    public var datasetId: Int64
    /// `read`, `annotate` or `approve`.
    public var scope: GrantScope
    public var expiresAt: Date
    public var grantedBy: String
    public var reason: String
    public var createdAt: Date
    public var revokedAt: Date?
    public var revokedBy: String?

    public init(id: Int64? = nil, principal: String, datasetId: Int64, scope: GrantScope, expiresAt: Date, grantedBy: String, reason: String, createdAt: Date, revokedAt: Date? = nil, revokedBy: String? = nil) {
        self.id = id
        self.principal = principal
        self.datasetId = datasetId
        self.scope = scope
        self.expiresAt = expiresAt
        self.grantedBy = grantedBy
        self.reason = reason
        self.createdAt = createdAt
        self.revokedAt = revokedAt
        self.revokedBy = revokedBy
    }

    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let principal = Column(CodingKeys.principal)
        public static let datasetId = Column(CodingKeys.datasetId)
        public static let scope = Column(CodingKeys.scope)
        public static let expiresAt = Column(CodingKeys.expiresAt)
        public static let grantedBy = Column(CodingKeys.grantedBy)
        public static let reason = Column(CodingKeys.reason)
        public static let createdAt = Column(CodingKeys.createdAt)
        public static let revokedAt = Column(CodingKeys.revokedAt)
        public static let revokedBy = Column(CodingKeys.revokedBy)
    }
}

// MARK: - Persistence

extension AccessGrant: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "accessGrant"

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
