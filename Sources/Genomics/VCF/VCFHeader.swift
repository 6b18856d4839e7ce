/// The facts of a VCF header (VCFv4.0–4.3 §1), shared by VCF text and BCF.
public struct VCFHeader {
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

// MARK: - Conformances

extension VCFHeader: Sendable {}
extension VCFHeader: Hashable {}
extension VCFHeader: Codable {}
