import Foundation
import GRDB

/// A queued deletion of objects whose retention has run out, waiting for four-eyes approval.
public struct RetentionRequest: Codable, Hashable, Sendable, Identifiable {
    /// Where a deletion request stands.
    public enum State: String, Codable, Hashable, Sendable, CaseIterable {
        /// Waiting for approvals.
        case pending
        /// Someone rejected it; nothing is deleted.
        case rejected
        /// Approved: the catalog marks its objects deleted (tombstones written) and the bytes are being
        /// removed; a rerun of ``Lake`` `executeRetention` finishes what a crash left.
        case deleting
        /// Every approved object's bytes are gone.
        case done
    }

    public var id: Int64?
    public var requester: String
    public var reason: String
    public var state: State
    /// The last execution error, cleared by a successful rerun.
    public var error: String?
    public var createdAt: Date
    public var updatedAt: Date

    public init(requester: String, reason: String, state: State, createdAt: Date) {
        self.requester = requester
        self.reason = reason
        self.state = state
        self.createdAt = createdAt
        self.updatedAt = createdAt
    }

    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let state = Column(CodingKeys.state)
    }
}

// MARK: - Persistence

extension RetentionRequest: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "retentionRequest"

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
