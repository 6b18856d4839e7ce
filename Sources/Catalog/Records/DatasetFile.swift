import Foundation
import GRDB

/// Membership of an object in a dataset, with the path it was ingested from.
public struct DatasetFile: Codable, Hashable, Sendable, Identifiable {
    public var id: Int64?
    public var datasetId: Int64
    public var objectId: Int64
    /// The source path at ingest (data, never trusted for display). A path that is not UTF-8 is written
    /// with each byte of an invalid sequence as `\xHH`, and its exact bytes are in ``pathBytes``.
    public var path: String
    /// The exact bytes of a source path that is not UTF-8; nil for a UTF-8 path (then ``path`` is exact).
    public var pathBytes: Data?
    /// Sniffed format (`dicom`, `vcf`, `bam`…, or `unknown`).
    public var format: String
    public var ingestedAt: Date

    public init(
        id: Int64? = nil, datasetId: Int64, objectId: Int64, path: String, pathBytes: Data? = nil, format: String,
        ingestedAt: Date
    ) {
        self.id = id
        self.datasetId = datasetId
        self.objectId = objectId
        self.path = path
        self.pathBytes = pathBytes
        self.format = format
        self.ingestedAt = ingestedAt
    }

    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let datasetId = Column(CodingKeys.datasetId)
        public static let objectId = Column(CodingKeys.objectId)
        public static let path = Column(CodingKeys.path)
        public static let pathBytes = Column(CodingKeys.pathBytes)
        public static let format = Column(CodingKeys.format)
        public static let ingestedAt = Column(CodingKeys.ingestedAt)
    }
}

// MARK: - Persistence

extension DatasetFile: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "datasetFile"

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
