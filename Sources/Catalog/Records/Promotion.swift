import Foundation
import GRDB

/// A request to promote a dataset version into another zone, with its recorded policy checks.
public struct Promotion: Codable, Hashable, Sendable, Identifiable {
    public var id: Int64?
    public var datasetId: Int64
    public var sourceVersionId: Int64
    public var targetZone: String
    /// The `--select` filter, empty for all members.
    public var selection: String
    public var reason: String
    public var requester: String
    /// `pending`, `blocked`, `approved`, `rejected` or `executed`.
    public var state: PromotionState
    /// The policy check results as JSON.
    public var checks: String
    /// The version built on execution.
    public var targetVersionId: Int64?
    /// Why the last execution attempt failed.
    public var error: String?
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: Int64? = nil, datasetId: Int64, sourceVersionId: Int64, targetZone: String, selection: String, reason: String, requester: String, state: PromotionState, checks: String, targetVersionId: Int64? = nil, error: String? = nil, createdAt: Date, updatedAt: Date) {
        self.id = id
        self.datasetId = datasetId
        self.sourceVersionId = sourceVersionId
        self.targetZone = targetZone
        self.selection = selection
        self.reason = reason
        self.requester = requester
        self.state = state
        self.checks = checks
        self.targetVersionId = targetVersionId
        self.error = error
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let datasetId = Column(CodingKeys.datasetId)
        public static let sourceVersionId = Column(CodingKeys.sourceVersionId)
        public static let targetZone = Column(CodingKeys.targetZone)
        public static let selection = Column(CodingKeys.selection)
        public static let reason = Column(CodingKeys.reason)
        public static let requester = Column(CodingKeys.requester)
        public static let state = Column(CodingKeys.state)
        public static let checks = Column(CodingKeys.checks)
        public static let targetVersionId = Column(CodingKeys.targetVersionId)
        public static let error = Column(CodingKeys.error)
        public static let createdAt = Column(CodingKeys.createdAt)
        public static let updatedAt = Column(CodingKeys.updatedAt)
    }
}

// MARK: - Persistence

extension Promotion: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "promotion"

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
