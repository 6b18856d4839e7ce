/// The facts ingest keeps from a genomic file's header.
public struct GenomicHeader: Sendable, Hashable {
    /// `VCF`, `BCF`, `SAM`, `BAM`, `CRAM` or `FASTQ`.
    public var format: String
    /// Sample names the header declares (VCF columns, `@RG SM:`).
    public var sampleNames: [String]
    public var referenceGenome: String?
    /// Number of `@RG` lines; nil for formats without read groups (VCF, FASTQ).
    public var readGroupCount: Int?
    public var platform: String?
    public var aligner: String?
    public var variantCaller: String?
    /// For BGZF formats: whether the end-of-file block is present; nil when not applicable.
    public var hasEndOfFileBlock: Bool?
    /// Other header facts, stored as JSON on the genomic file row.
    public var facts: [String: String]

    public init(
        format: String, sampleNames: [String] = [], referenceGenome: String? = nil, readGroupCount: Int? = nil,
        platform: String? = nil, aligner: String? = nil, variantCaller: String? = nil,
        hasEndOfFileBlock: Bool? = nil, facts: [String: String] = [:]
    ) {
        self.format = format
        self.sampleNames = sampleNames
        self.referenceGenome = referenceGenome
        self.readGroupCount = readGroupCount
        self.platform = platform
        self.aligner = aligner
        self.variantCaller = variantCaller
        self.hasEndOfFileBlock = hasEndOfFileBlock
        self.facts = facts
    }

    /// Whether the format carries a reference genome in its header (FASTQ does not).
    var expectsReference: Bool { format != "FASTQ" }
}
