/// The facts ingest keeps from a genomic file's header (or a sample sheet).
public struct GenomicHeader: Sendable, Hashable {
    /// `VCF`, `BCF`, `SAM`, `BAM`, `CRAM`, `FASTQ` or `sample-sheet`.
    public var format: String
    /// Samples the file names (VCF columns, `@RG SM:`, the FASTQ file name, sample sheet rows).
    public var sampleNames: [String]
    public var referenceGenome: String?
    /// Number of `@RG` lines; nil for formats without read groups (VCF, FASTQ).
    public var readGroupCount: Int?
    public var assay: String?
    public var platform: String?
    public var aligner: String?
    public var variantCaller: String?
    /// Assay per sample, from a sample sheet.
    public var sampleAssays: [String: String]
    /// For BGZF formats: whether the end-of-file block is present; nil when not applicable.
    public var hasEndOfFileBlock: Bool?
    /// Other header facts, stored as JSON on the genomic file row.
    public var facts: [String: String]

    public init(
        format: String, sampleNames: [String] = [], referenceGenome: String? = nil, readGroupCount: Int? = nil,
        assay: String? = nil, platform: String? = nil, aligner: String? = nil, variantCaller: String? = nil,
        sampleAssays: [String: String] = [:], hasEndOfFileBlock: Bool? = nil, facts: [String: String] = [:]
    ) {
        self.format = format
        self.sampleNames = sampleNames
        self.referenceGenome = referenceGenome
        self.readGroupCount = readGroupCount
        self.assay = assay
        self.platform = platform
        self.aligner = aligner
        self.variantCaller = variantCaller
        self.sampleAssays = sampleAssays
        self.hasEndOfFileBlock = hasEndOfFileBlock
        self.facts = facts
    }

    /// Whether the format states a reference genome in its header (FASTQ and sample sheets do not).
    var expectsReference: Bool { !["FASTQ", "sample-sheet"].contains(format) }
}
