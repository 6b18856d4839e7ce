import Foundation
import GRDB

/// A genomic file of a sample: format, object and header facts.
public struct GenomicFile: Codable, Hashable, Sendable, Identifiable {
    public var id: Int64?
    public var sampleId: Int64
    public var objectId: Int64
    /// `VCF`, `BCF`, `SAM`, `BAM`, `CRAM` or `FASTQ`.
    public var format: String
    /// JSON object of facts read from the header.
    public var headerFacts: String
    /// JSON object of statistics.
    public var stats: String

    public init(
        id: Int64? = nil, sampleId: Int64, objectId: Int64, format: String, headerFacts: String,
        stats: String = "{}"
    ) {
        self.id = id
        self.sampleId = sampleId
        self.objectId = objectId
        self.format = format
        self.headerFacts = headerFacts
        self.stats = stats
    }

    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let sampleId = Column(CodingKeys.sampleId)
        public static let objectId = Column(CodingKeys.objectId)
        public static let format = Column(CodingKeys.format)
        public static let headerFacts = Column(CodingKeys.headerFacts)
        public static let stats = Column(CodingKeys.stats)
    }
}

// MARK: - Persistence

extension GenomicFile: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "genomicFile"

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
