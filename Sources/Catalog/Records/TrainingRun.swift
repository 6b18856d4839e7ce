import Foundation
import GRDB

/// A training run bound to the manifest it trained on.
public struct TrainingRun: Codable, Hashable, Sendable, Identifiable {
    public var id: Int64?
    public var manifestHash: String
    /// Container image digest (`sha256:…`).
    public var image: String
    /// Code commit.
    public var commit: String
    /// Workflow hash.
    public var workflow: String
    public var serviceAccount: String?
    /// Run parameters as JSON.
    public var parameters: String
    public var recordedBy: String
    public var createdAt: Date

    public init(id: Int64? = nil, manifestHash: String, image: String, commit: String, workflow: String, serviceAccount: String? = nil, parameters: String, recordedBy: String, createdAt: Date) {
        self.id = id
        self.manifestHash = manifestHash
        self.image = image
        self.commit = commit
        self.workflow = workflow
        self.serviceAccount = serviceAccount
        self.parameters = parameters
        self.recordedBy = recordedBy
        self.createdAt = createdAt
    }

    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let manifestHash = Column(CodingKeys.manifestHash)
        public static let image = Column(CodingKeys.image)
        public static let commit = Column(CodingKeys.commit)
        public static let workflow = Column(CodingKeys.workflow)
        public static let serviceAccount = Column(CodingKeys.serviceAccount)
        public static let parameters = Column(CodingKeys.parameters)
        public static let recordedBy = Column(CodingKeys.recordedBy)
        public static let createdAt = Column(CodingKeys.createdAt)
    }
}

// MARK: - Persistence

extension TrainingRun: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "trainingRun"

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
