import Foundation
import GRDB

/// A version of a dataset: a draft that ingest fills, or a published, immutable manifest.
public struct DatasetVersion: Codable, Hashable, Sendable, Identifiable {
    public var id: Int64?
    public var datasetId: Int64
    /// Counts from 1 within the dataset.
    public var number: Int
    /// `draft` or `published`.
    public var state: VersionState
    /// SHA-256 of the canonical manifest once published.
    public var manifestHash: String?
    public var parentId: Int64?
    public var createdBy: String
    public var createdAt: Date

    public init(
        id: Int64? = nil, datasetId: Int64, number: Int, state: VersionState, manifestHash: String? = nil,
        parentId: Int64? = nil, createdBy: String, createdAt: Date
    ) {
        self.id = id
        self.datasetId = datasetId
        self.number = number
        self.state = state
        self.manifestHash = manifestHash
        self.parentId = parentId
        self.createdBy = createdBy
        self.createdAt = createdAt
    }

    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let datasetId = Column(CodingKeys.datasetId)
        public static let number = Column(CodingKeys.number)
        public static let state = Column(CodingKeys.state)
        public static let manifestHash = Column(CodingKeys.manifestHash)
        public static let parentId = Column(CodingKeys.parentId)
        public static let createdBy = Column(CodingKeys.createdBy)
        public static let createdAt = Column(CodingKeys.createdAt)
    }
}

// MARK: - Persistence

extension DatasetVersion: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "datasetVersion"

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
