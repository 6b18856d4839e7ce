import Foundation
import GRDB

/// A DICOM server a dataset is pulled from, and where the last pull stopped.
///
/// `cursor` is the server's change sequence number (Orthanc `/changes`) up to which every change has
/// been ingested and committed; a later run asks for changes after it.
public struct RemoteSource: Codable, Hashable, Sendable, Identifiable {
    /// The kind of server, which says how its change feed is read.
    public enum Kind: String, Codable, Hashable, Sendable {
        /// Orthanc's REST API (`/changes`).
        case orthanc
        /// A DICOMweb server (QIDO-RS/WADO-RS).
        case dicomweb
    }

    public var id: Int64?
    public var datasetId: Int64
    public var kind: Kind
    /// The server's base URL, without credentials.
    public var url: String
    public var cursor: Int64
    public var instancesIngested: Int64
    public var updatedAt: Date

    public init(
        id: Int64? = nil, datasetId: Int64, kind: Kind, url: String, cursor: Int64 = 0, instancesIngested: Int64 = 0,
        updatedAt: Date
    ) {
        self.id = id
        self.datasetId = datasetId
        self.kind = kind
        self.url = url
        self.cursor = cursor
        self.instancesIngested = instancesIngested
        self.updatedAt = updatedAt
    }

    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let datasetId = Column(CodingKeys.datasetId)
        public static let kind = Column(CodingKeys.kind)
        public static let url = Column(CodingKeys.url)
        public static let cursor = Column(CodingKeys.cursor)
    }
}

// MARK: - Persistence

extension RemoteSource: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "remoteSource"

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
