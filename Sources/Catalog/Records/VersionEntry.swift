import Foundation
import GRDB

/// One member of a published version: an object under a logical path, with its imaging or genomic ids.
public struct VersionEntry: Codable, Hashable, Sendable, Identifiable {
    public var id: Int64?
    public var versionId: Int64
    public var objectId: Int64
    public var path: String
    public var sha256: String
    public var size: Int64
    public var format: String
    public var studyUID: String?
    public var seriesUID: String?
    public var sopInstanceUID: String?
    public var modality: String?
    public var bodyPart: String?
    public var seriesDescription: String?
    public var sample: String?
    public var assay: String?

    public init(id: Int64? = nil, versionId: Int64, objectId: Int64, path: String, sha256: String, size: Int64, format: String, studyUID: String? = nil, seriesUID: String? = nil, sopInstanceUID: String? = nil, modality: String? = nil, bodyPart: String? = nil, seriesDescription: String? = nil, sample: String? = nil, assay: String? = nil) {
        self.id = id
        self.versionId = versionId
        self.objectId = objectId
        self.path = path
        self.sha256 = sha256
        self.size = size
        self.format = format
        self.studyUID = studyUID
        self.seriesUID = seriesUID
        self.sopInstanceUID = sopInstanceUID
        self.modality = modality
        self.bodyPart = bodyPart
        self.seriesDescription = seriesDescription
        self.sample = sample
        self.assay = assay
    }

    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let versionId = Column(CodingKeys.versionId)
        public static let objectId = Column(CodingKeys.objectId)
        public static let path = Column(CodingKeys.path)
        public static let sha256 = Column(CodingKeys.sha256)
        public static let size = Column(CodingKeys.size)
        public static let format = Column(CodingKeys.format)
        public static let studyUID = Column(CodingKeys.studyUID)
        public static let seriesUID = Column(CodingKeys.seriesUID)
        public static let sopInstanceUID = Column(CodingKeys.sopInstanceUID)
        public static let modality = Column(CodingKeys.modality)
        public static let bodyPart = Column(CodingKeys.bodyPart)
        public static let seriesDescription = Column(CodingKeys.seriesDescription)
        public static let sample = Column(CodingKeys.sample)
        public static let assay = Column(CodingKeys.assay)
    }
}

// MARK: - Persistence

extension VersionEntry: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "versionEntry"

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
