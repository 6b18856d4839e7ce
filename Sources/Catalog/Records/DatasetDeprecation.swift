import Foundation
import GRDB

/// Why a dataset was deprecated and the version that supersedes it (one row per deprecated dataset).
public struct DatasetDeprecation: Codable, Hashable, Sendable, Identifiable {
    public var id: Int64?
    public var datasetId: Int64
    /// The superseding version (of another dataset, or a later version of this one).
    public var successorVersionId: Int64
    public var reason: String
    public var deprecatedBy: String
    public var deprecatedAt: Date

    public init(datasetId: Int64, successorVersionId: Int64, reason: String, deprecatedBy: String, deprecatedAt: Date) {
        self.datasetId = datasetId
        self.successorVersionId = successorVersionId
        self.reason = reason
        self.deprecatedBy = deprecatedBy
        self.deprecatedAt = deprecatedAt
    }

    public enum Columns {
        public static let datasetId = Column(CodingKeys.datasetId)
    }
}

// MARK: - Persistence

extension DatasetDeprecation: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "datasetDeprecation"

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
