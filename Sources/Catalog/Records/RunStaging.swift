import Foundation
import GRDB

/// A published version staged into a folder for a training run (`medlake stage … --run ID`).
public struct RunStaging: Codable, Hashable, Sendable, Identifiable {
    public var id: Int64?
    public var runId: Int64
    /// The staged version's manifest hash.
    public var manifestHash: String
    /// The folder the version was staged into (absolute).
    public var directory: String
    /// Files the folder holds for the version, all verified.
    public var files: Int64
    public var bytes: Int64
    public var stagedBy: String
    public var stagedAt: Date

    public init(
        id: Int64? = nil, runId: Int64, manifestHash: String, directory: String, files: Int64, bytes: Int64,
        stagedBy: String, stagedAt: Date
    ) {
        self.id = id
        self.runId = runId
        self.manifestHash = manifestHash
        self.directory = directory
        self.files = files
        self.bytes = bytes
        self.stagedBy = stagedBy
        self.stagedAt = stagedAt
    }

    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let runId = Column(CodingKeys.runId)
        public static let manifestHash = Column(CodingKeys.manifestHash)
    }
}

// MARK: - Persistence

extension RunStaging: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "runStaging"

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
