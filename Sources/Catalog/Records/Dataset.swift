import Foundation
import GRDB

/// A named collection of imaging and genomic data, living in one zone.
public struct Dataset: Codable, Hashable, Sendable, Identifiable {
    public var id: Int64?
    public var name: String
    /// `raw`, `curated` or `training`.
    public var zone: String
    /// Comma-separated modalities seen in the dataset (`CT,MR`), kept current by ingest.
    public var modalities: String
    /// Comma-separated assays seen in the dataset (`WGS,RNA`), kept current by ingest.
    public var assays: String
    public var sensitivity: String
    public var consentScope: String
    public var owner: String
    public var status: DatasetStatus
    public var createdAt: Date

    public init(
        id: Int64? = nil, name: String, zone: String, modalities: String = "", assays: String = "",
        sensitivity: String = "restricted", consentScope: String = "", owner: String, status: DatasetStatus = .active,
        createdAt: Date
    ) {
        self.id = id
        self.name = name
        self.zone = zone
        self.modalities = modalities
        self.assays = assays
        self.sensitivity = sensitivity
        self.consentScope = consentScope
        self.owner = owner
        self.status = status
        self.createdAt = createdAt
    }

    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let name = Column(CodingKeys.name)
        public static let zone = Column(CodingKeys.zone)
        public static let modalities = Column(CodingKeys.modalities)
        public static let assays = Column(CodingKeys.assays)
        public static let status = Column(CodingKeys.status)
    }
}

/// Whether a dataset is in use or replaced by a successor.
public enum DatasetStatus: String, Codable, Sendable, Hashable, CaseIterable {
    case active
    case deprecated
}

// MARK: - Persistence

extension Dataset: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "dataset"

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
