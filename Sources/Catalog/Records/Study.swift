import Foundation
import GRDB

/// A DICOM study within a dataset.
public struct Study: Codable, Hashable, Sendable, Identifiable {
    public var id: Int64?
    public var datasetId: Int64
    public var studyInstanceUID: String
    public var patientPseudonym: String?
    /// DICOM DA text (`YYYYMMDD`).
    public var studyDate: String?
    public var description: String?

    public init(
        id: Int64? = nil, datasetId: Int64, studyInstanceUID: String, patientPseudonym: String? = nil,
        studyDate: String? = nil, description: String? = nil
    ) {
        self.id = id
        self.datasetId = datasetId
        self.studyInstanceUID = studyInstanceUID
        self.patientPseudonym = patientPseudonym
        self.studyDate = studyDate
        self.description = description
    }

    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let datasetId = Column(CodingKeys.datasetId)
        public static let studyInstanceUID = Column(CodingKeys.studyInstanceUID)
        public static let patientPseudonym = Column(CodingKeys.patientPseudonym)
        public static let studyDate = Column(CodingKeys.studyDate)
        public static let description = Column(CodingKeys.description)
    }
}

// MARK: - Persistence

extension Study: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "study"

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
