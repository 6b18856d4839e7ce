import Foundation
import GRDB

/// A legal hold on a dataset (every version, and its draft files) or on one version: while it is not
/// released, none of the objects it covers may be deleted or moved into a tier that needs a restore.
public struct LegalHold: Codable, Hashable, Sendable, Identifiable {
    public var id: Int64?
    public var datasetId: Int64
    /// The one version held; nil holds the whole dataset.
    public var versionId: Int64?
    public var reason: String
    public var createdBy: String
    public var createdAt: Date
    public var releasedBy: String?
    public var releasedAt: Date?
    public var releaseReason: String?

    public init(datasetId: Int64, versionId: Int64?, reason: String, createdBy: String, createdAt: Date) {
        self.datasetId = datasetId
        self.versionId = versionId
        self.reason = reason
        self.createdBy = createdBy
        self.createdAt = createdAt
    }

    /// True until the hold is released.
    public var isActive: Bool { releasedAt == nil }

    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let datasetId = Column(CodingKeys.datasetId)
        public static let versionId = Column(CodingKeys.versionId)
        public static let releasedAt = Column(CodingKeys.releasedAt)
    }
}

// MARK: - Persistence

extension LegalHold: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "legalHold"

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
