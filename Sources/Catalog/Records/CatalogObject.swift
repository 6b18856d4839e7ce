import Foundation
import GRDB

/// A content-addressed object: stored bytes and where they are placed now.
public struct CatalogObject: Codable, Hashable, Sendable, Identifiable {
    public var id: Int64?
    /// 64 lowercase hexadecimal characters.
    public var sha256: String
    public var size: Int64
    /// The tier holding the object (`hot`, `warm`…).
    public var tier: String
    /// `present`, `migrating`, `restoring`, or `deleted` by a retention policy (see ``RetentionTombstone``).
    public var state: State
    public var lastAccess: Date?
    public var createdAt: Date

    public init(
        id: Int64? = nil, sha256: String, size: Int64, tier: String, state: State, lastAccess: Date? = nil,
        createdAt: Date
    ) {
        self.id = id
        self.sha256 = sha256
        self.size = size
        self.tier = tier
        self.state = state
        self.lastAccess = lastAccess
        self.createdAt = createdAt
    }

    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let sha256 = Column(CodingKeys.sha256)
        public static let size = Column(CodingKeys.size)
        public static let tier = Column(CodingKeys.tier)
        public static let state = Column(CodingKeys.state)
        public static let lastAccess = Column(CodingKeys.lastAccess)
        public static let createdAt = Column(CodingKeys.createdAt)
    }
}

// MARK: - Persistence

extension CatalogObject: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "object"

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
