import Foundation
import GRDB

/// A genomic sample (pseudonymous name) within a dataset.
public struct Sample: Codable, Hashable, Sendable, Identifiable {
    public var id: Int64?
    public var datasetId: Int64
    public var name: String
    /// `WGS`, `WES`, `RNA`, `panel`…
    public var assay: String?
    public var platform: String?
    public var referenceGenome: String?
    public var aligner: String?
    public var variantCaller: String?

    public init(
        id: Int64? = nil, datasetId: Int64, name: String, assay: String? = nil, platform: String? = nil,
        referenceGenome: String? = nil, aligner: String? = nil, variantCaller: String? = nil
    ) {
        self.id = id
        self.datasetId = datasetId
        self.name = name
        self.assay = assay
        self.platform = platform
        self.referenceGenome = referenceGenome
        self.aligner = aligner
        self.variantCaller = variantCaller
    }

    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let datasetId = Column(CodingKeys.datasetId)
        public static let name = Column(CodingKeys.name)
        public static let assay = Column(CodingKeys.assay)
        public static let platform = Column(CodingKeys.platform)
        public static let referenceGenome = Column(CodingKeys.referenceGenome)
        public static let aligner = Column(CodingKeys.aligner)
        public static let variantCaller = Column(CodingKeys.variantCaller)
    }
}

// MARK: - Persistence

extension Sample: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "sample"

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
