/// One biological sample seen across genomic files: the catalog's `sample` row.
public struct GenomicSample {
    /// The sample name as the files spell it (VCF column, `@RG SM`, FASTQ name or sample sheet).
    public var name: String
    /// The files naming this sample, in the order given.
    public var files: [String] = []
    /// The formats of those files.
    public var formats: [GenomicFormat] = []
    /// `WGS`, `WES`, `RNA` or `panel`, when a sample sheet or an RNA aligner says so.
    public var assay: String?
    /// The sequencing platform (`@RG PL`, or `ILLUMINA` from Illumina read names).
    public var platform: String?
    /// The reference genome of its alignments or calls.
    public var reference: ReferenceGenome?
    /// The aligner from `@PG` (name and version).
    public var aligner: String?
    /// The variant caller from `##source` or a caller's command-line meta line.
    public var variantCaller: String?

    /// A sample with only a name.
    public init(name: String) {
        self.name = name
    }
}

// MARK: - Conformances

extension GenomicSample: Sendable {}
extension GenomicSample: Hashable {}
extension GenomicSample: Codable {}
