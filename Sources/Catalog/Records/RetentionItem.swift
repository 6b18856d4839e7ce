import Foundation
import GRDB

/// One object of a deletion request, with the rule that let it go.
public struct RetentionItem: Codable, Hashable, Sendable, Identifiable {
    /// What happened to the object.
    public enum State: String, Codable, Hashable, Sendable, CaseIterable {
        /// Waiting for the request's approval.
        case pending
        /// Marked deleted in the catalog (its tombstone says whether the bytes are gone yet).
        case deleted
        /// Kept at execution: a hold or a new reference appeared after the request (``note`` says which).
        case kept
    }

    public var id: Int64?
    public var requestId: Int64
    public var objectId: Int64
    /// The retention policy (or `override:DATASET`) whose maximum keep ran out.
    public var rule: String
    /// Comma-separated names of the datasets holding the object when it was planned.
    public var datasets: String
    public var state: State
    public var note: String?

    public init(requestId: Int64, objectId: Int64, rule: String, datasets: String, state: State) {
        self.requestId = requestId
        self.objectId = objectId
        self.rule = rule
        self.datasets = datasets
        self.state = state
    }

    public enum Columns {
        public static let requestId = Column(CodingKeys.requestId)
        public static let objectId = Column(CodingKeys.objectId)
        public static let state = Column(CodingKeys.state)
    }
}

// MARK: - Persistence

extension RetentionItem: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "retentionItem"

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
