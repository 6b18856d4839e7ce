import Foundation
import GRDB

/// A derived object made from a source object by a transform, in a version built by a promotion.
public struct LineageEdge: Codable, Hashable, Sendable, Identifiable {
    public var id: Int64?
    public var sourceObjectId: Int64
    public var derivedObjectId: Int64
    public var versionId: Int64
    public var promotionId: Int64
    /// The transform (name, tool version, parameters) as JSON.
    public var transform: String
    public var createdAt: Date

    public init(id: Int64? = nil, sourceObjectId: Int64, derivedObjectId: Int64, versionId: Int64, promotionId: Int64, transform: String, createdAt: Date) {
        self.id = id
        self.sourceObjectId = sourceObjectId
        self.derivedObjectId = derivedObjectId
        self.versionId = versionId
        self.promotionId = promotionId
        self.transform = transform
        self.createdAt = createdAt
    }

    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let sourceObjectId = Column(CodingKeys.sourceObjectId)
        public static let derivedObjectId = Column(CodingKeys.derivedObjectId)
        public static let versionId = Column(CodingKeys.versionId)
        public static let promotionId = Column(CodingKeys.promotionId)
        public static let transform = Column(CodingKeys.transform)
        public static let createdAt = Column(CodingKeys.createdAt)
    }
}

// MARK: - Persistence

extension LineageEdge: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "lineageEdge"

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
