import Foundation
import GRDB

/// The canonical manifest of a published version, stored byte for byte so exports reproduce its hash.
public struct VersionManifest: Codable, Hashable, Sendable, Identifiable {
    public var id: Int64?
    public var versionId: Int64
    /// SHA-256 of `body`: the version's id.
    public var hash: String
    public var zone: String
    /// The canonical JSON text.
    public var body: String
    public var createdAt: Date

    public init(id: Int64? = nil, versionId: Int64, hash: String, zone: String, body: String, createdAt: Date) {
        self.id = id
        self.versionId = versionId
        self.hash = hash
        self.zone = zone
        self.body = body
        self.createdAt = createdAt
    }

    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let versionId = Column(CodingKeys.versionId)
        public static let hash = Column(CodingKeys.hash)
        public static let zone = Column(CodingKeys.zone)
        public static let body = Column(CodingKeys.body)
        public static let createdAt = Column(CodingKeys.createdAt)
    }
}

// MARK: - Persistence

extension VersionManifest: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "versionManifest"

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
