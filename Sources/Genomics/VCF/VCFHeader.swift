/// The facts of a VCF header (VCFv4.0–4.3 §1), shared by VCF text and BCF.
public struct VCFHeader: Sendable, Hashable, Codable {
    /// `##fileformat`, e.g. `VCFv4.2`.
    public var fileFormat: String?
    /// `##reference`: the reference genome as the file states it.
    public var reference: String?
    /// `##contig` lines, in file order.
    public var contigs: [VCFContig] = []
    /// `##INFO` definitions.
    public var info: [VCFFieldDefinition] = []
    /// `##FORMAT` definitions.
    public var format: [VCFFieldDefinition] = []
    /// `##FILTER` definitions.
    public var filters: [VCFFieldDefinition] = []
    /// `##source` values: the programs that wrote the file.
    public var sources: [String] = []
    /// Every other `##key=value` line, in file order.
    public var otherMeta: [VCFMetaLine] = []
    /// Sample names from the `#CHROM` line (column 10 on); spaces and UTF-8 kept.
    public var samples: [String] = []
    /// True once the `#CHROM` line was read.
    public var hasColumnHeader = false
    /// What was tolerated while reading.
    public var warnings: [String] = []

    /// An empty header.
    public init() {}
}

/// A `##contig=<ID=…,length=…,assembly=…>` line.
public struct VCFContig: Sendable, Hashable, Codable {
    /// `ID`: the contig name records use in `CHROM`.
    public var id: String
    /// `length` in bases.
    public var length: Int64?
    /// `assembly`, when given.
    public var assembly: String?
    /// `IDX`: the BCF dictionary index, when given.
    public var index: Int?
}

/// An `##INFO`, `##FORMAT` or `##FILTER` definition.
public struct VCFFieldDefinition: Sendable, Hashable, Codable {
    /// `ID`.
    public var id: String
    /// `Number` (`1`, `A`, `R`, `G`, `.`), absent for FILTER.
    public var number: String?
    /// `Type` (`Integer`, `Float`, `Flag`, `Character`, `String`), absent for FILTER.
    public var type: String?
    /// `Description`, unquoted.
    public var description: String?
}

/// A `##key=value` meta line not modelled elsewhere; structured values keep their `<…>` text.
public struct VCFMetaLine: Sendable, Hashable, Codable {
    /// The key after `##`.
    public var key: String
    /// The value after `=`.
    public var value: String
}
