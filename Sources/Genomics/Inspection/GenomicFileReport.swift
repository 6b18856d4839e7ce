/// Everything MedLake learned about one genomic file: format, header facts, counts, integrity and the
/// error that stopped reading, if any (with the facts read before it).
public struct GenomicFileReport {
    /// The file as given.
    public var path: String
    /// The format recognised from content, nil when not recognised.
    public var format: GenomicFormat?
    /// How the bytes are stored.
    public var compression: Compression?
    /// The stored size in bytes.
    public var storedSize: Int64?
    /// The SAM header of SAM, BAM and CRAM files.
    public var samHeader: SAMHeader?
    /// `@PG` IDs in the order the programs ran (one list per chain, longest first), resolved from `PP`.
    public var programChains: [[String]]?
    /// BAM's binary header facts.
    public var bamHeader: BAMHeader?
    /// The header of VCF and BCF files.
    public var vcfHeader: VCFHeader?
    /// The BCF version, e.g. `2.2`.
    public var bcfVersion: String?
    /// CRAM structure facts.
    public var cram: CRAMFacts?
    /// The rows of a sample sheet.
    public var sampleSheet: SampleSheet?
    /// `samtools flagstat` counts (SAM and BAM, unless header-only).
    public var flagStats: FlagStats?
    /// Variant counts (VCF and BCF, unless header-only).
    public var variantStats: VariantStats?
    /// Read counts (FASTQ, unless header-only).
    public var fastqStats: FASTQStats?
    /// The sample names this file names.
    public var samples: [String] = []
    /// The reference genome, stated or inferred.
    public var reference: ReferenceGenome?
    /// Whole-file checks.
    public var integrity = Integrity()
    /// What was tolerated.
    public var warnings: [String] = []
    /// Why reading stopped early, nil when the file was read to the end (or its header, if header-only).
    public var error: GenomicsError?

    /// An empty report for `path`.
    public init(path: String) {
        self.path = path
    }

    /// Whole-file checks.
    public struct Integrity {
        /// BGZF: the file ends with the 28-byte EOF block. CRAM: it ends with the EOF container. Nil when
        /// the format has no end marker (plain, gzip) or it was not checked.
        public var endMarkerPresent: Bool?
        /// True when the file is known to be cut short (no end marker, or the data ends mid-structure).
        public var truncated = false
        /// True when every record was read without error (false for header-only reads).
        public var fullyRead = false
        /// BGZF blocks or gzip members read.
        public var compressedBlocks: Int?
    }
}

// MARK: - Conformances

extension GenomicFileReport: Sendable {}
extension GenomicFileReport: Hashable {}
extension GenomicFileReport: Codable {}
extension GenomicFileReport.Integrity: Sendable {}
extension GenomicFileReport.Integrity: Hashable {}
extension GenomicFileReport.Integrity: Codable {}
