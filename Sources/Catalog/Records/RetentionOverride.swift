import Foundation
import GRDB

/// An admin's keep period for one dataset, replacing the `lake.toml` policy that would match it.
public struct RetentionOverride: Codable, Hashable, Sendable, Identifiable {
    public var id: Int64?
    public var datasetId: Int64
    /// Days the dataset's objects must be kept at least; nil keeps no minimum.
    public var minDays: Double?
    /// Days after which they must go; nil keeps them indefinitely.
    public var maxDays: Double?
    public var reason: String
    public var setBy: String
    public var setAt: Date

    public init(datasetId: Int64, minDays: Double?, maxDays: Double?, reason: String, setBy: String, setAt: Date) {
        self.datasetId = datasetId
        self.minDays = minDays
        self.maxDays = maxDays
        self.reason = reason
        self.setBy = setBy
        self.setAt = setAt
    }

    public enum Columns {
        public static let datasetId = Column(CodingKeys.datasetId)
    }
}

// MARK: - Persistence

extension RetentionOverride: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "retentionOverride"

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
