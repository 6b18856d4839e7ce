import Foundation
import GRDB

/// A DICOM instance (one SOP Instance, one object).
public struct Instance: Codable, Hashable, Sendable, Identifiable {
    public var id: Int64?
    public var seriesId: Int64
    public var objectId: Int64
    public var sopInstanceUID: String
    public var sopClassUID: String?
    public var instanceNumber: Int?
    public var transferSyntaxUID: String?
    public var rows: Int?
    public var columns: Int?
    public var frames: Int?
    /// Image Position (Patient), backslash-separated as in DICOM.
    public var imagePosition: String?
    /// Image Orientation (Patient), backslash-separated.
    public var imageOrientation: String?
    public var pixelSpacing: String?

    public init(
        id: Int64? = nil, seriesId: Int64, objectId: Int64, sopInstanceUID: String, sopClassUID: String? = nil,
        instanceNumber: Int? = nil, transferSyntaxUID: String? = nil, rows: Int? = nil, columns: Int? = nil,
        frames: Int? = nil, imagePosition: String? = nil, imageOrientation: String? = nil,
        pixelSpacing: String? = nil
    ) {
        self.id = id
        self.seriesId = seriesId
        self.objectId = objectId
        self.sopInstanceUID = sopInstanceUID
        self.sopClassUID = sopClassUID
        self.instanceNumber = instanceNumber
        self.transferSyntaxUID = transferSyntaxUID
        self.rows = rows
        self.columns = columns
        self.frames = frames
        self.imagePosition = imagePosition
        self.imageOrientation = imageOrientation
        self.pixelSpacing = pixelSpacing
    }

    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let seriesId = Column(CodingKeys.seriesId)
        public static let objectId = Column(CodingKeys.objectId)
        public static let sopInstanceUID = Column(CodingKeys.sopInstanceUID)
        public static let sopClassUID = Column(CodingKeys.sopClassUID)
        public static let instanceNumber = Column(CodingKeys.instanceNumber)
        public static let transferSyntaxUID = Column(CodingKeys.transferSyntaxUID)
        public static let rows = Column(CodingKeys.rows)
        public static let columns = Column(CodingKeys.columns)
        public static let frames = Column(CodingKeys.frames)
        public static let imagePosition = Column(CodingKeys.imagePosition)
        public static let imageOrientation = Column(CodingKeys.imageOrientation)
        public static let pixelSpacing = Column(CodingKeys.pixelSpacing)
    }
}

// MARK: - Persistence

extension Instance: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "instance"

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
