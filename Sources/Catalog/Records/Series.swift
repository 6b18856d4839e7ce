import Foundation
import GRDB

/// A DICOM series: one modality, a run of instances.
public struct Series: Codable, Hashable, Sendable, Identifiable {
    public var id: Int64?
    /// Denormalized from the study so a dataset's series list reads one index.
    public var datasetId: Int64
    public var studyId: Int64
    public var seriesInstanceUID: String
    public var modality: String
    public var bodyPart: String?
    public var description: String?
    /// Kept current by ingest, so counts never scan instances.
    public var instanceCount: Int
    public var frameOfReferenceUID: String?

    public init(
        id: Int64? = nil, datasetId: Int64, studyId: Int64, seriesInstanceUID: String, modality: String,
        bodyPart: String? = nil, description: String? = nil, instanceCount: Int, frameOfReferenceUID: String? = nil
    ) {
        self.id = id
        self.datasetId = datasetId
        self.studyId = studyId
        self.seriesInstanceUID = seriesInstanceUID
        self.modality = modality
        self.bodyPart = bodyPart
        self.description = description
        self.instanceCount = instanceCount
        self.frameOfReferenceUID = frameOfReferenceUID
    }

    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let datasetId = Column(CodingKeys.datasetId)
        public static let studyId = Column(CodingKeys.studyId)
        public static let seriesInstanceUID = Column(CodingKeys.seriesInstanceUID)
        public static let modality = Column(CodingKeys.modality)
        public static let bodyPart = Column(CodingKeys.bodyPart)
        public static let description = Column(CodingKeys.description)
        public static let instanceCount = Column(CodingKeys.instanceCount)
        public static let frameOfReferenceUID = Column(CodingKeys.frameOfReferenceUID)
    }
}

// MARK: - Persistence

extension Series: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "series"

    /// Decodes columns by name without `Decodable`'s machinery: listings decode tens of thousands of series.
    public init(row: Row) throws {
        id = row[Columns.id]
        datasetId = row[Columns.datasetId]
        studyId = row[Columns.studyId]
        seriesInstanceUID = row[Columns.seriesInstanceUID]
        modality = row[Columns.modality]
        bodyPart = row[Columns.bodyPart]
        description = row[Columns.description]
        instanceCount = row[Columns.instanceCount]
        frameOfReferenceUID = row[Columns.frameOfReferenceUID]
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
