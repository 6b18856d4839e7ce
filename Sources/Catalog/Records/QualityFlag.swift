import Foundation
import GRDB

/// A quality flag on a catalog target, raised by a rule or a person.
public struct QualityFlag: Codable, Hashable, Sendable, Identifiable {
    public var id: Int64?
    public var datasetId: Int64?
    public var targetKind: FlagTargetKind
    /// The target's canonical id (UID, sample name or object hash).
    public var target: String
    /// A code from the lake's vocabulary.
    public var code: String
    public var severity: FlagSeverity
    public var state: FlagState
    public var source: FlagSource
    public var author: String
    public var note: String
    /// The resolve note or waive reason.
    public var resolution: String?
    public var resolvedBy: String?
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: Int64? = nil, datasetId: Int64? = nil, targetKind: FlagTargetKind, target: String, code: String,
        severity: FlagSeverity, state: FlagState, source: FlagSource, author: String, note: String, resolution: String? = nil,
        resolvedBy: String? = nil, createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.datasetId = datasetId
        self.targetKind = targetKind
        self.target = target
        self.code = code
        self.severity = severity
        self.state = state
        self.source = source
        self.author = author
        self.note = note
        self.resolution = resolution
        self.resolvedBy = resolvedBy
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let datasetId = Column(CodingKeys.datasetId)
        public static let targetKind = Column(CodingKeys.targetKind)
        public static let target = Column(CodingKeys.target)
        public static let code = Column(CodingKeys.code)
        public static let severity = Column(CodingKeys.severity)
        public static let state = Column(CodingKeys.state)
        public static let source = Column(CodingKeys.source)
        public static let author = Column(CodingKeys.author)
        public static let note = Column(CodingKeys.note)
        public static let resolution = Column(CodingKeys.resolution)
        public static let resolvedBy = Column(CodingKeys.resolvedBy)
        public static let createdAt = Column(CodingKeys.createdAt)
        public static let updatedAt = Column(CodingKeys.updatedAt)
    }
}

// MARK: - Persistence

extension QualityFlag: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "qualityFlag"

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
