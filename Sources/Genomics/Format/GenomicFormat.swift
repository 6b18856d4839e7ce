/// The genomic file formats MedLake reads.
public enum GenomicFormat: String {
    /// Variant Call Format text.
    case vcf = "VCF"
    /// Binary VCF.
    case bcf = "BCF"
    /// Sequence Alignment/Map text.
    case sam = "SAM"
    /// Binary SAM.
    case bam = "BAM"
    /// Reference-compressed alignments.
    case cram = "CRAM"
    /// Reads with qualities.
    case fastq = "FASTQ"
    /// A sequencing sample sheet (Illumina `SampleSheet.csv` or a CSV with a sample column).
    case sampleSheet = "sample-sheet"
}

// MARK: - Conformances

extension GenomicFormat: Sendable {}
extension GenomicFormat: Hashable {}
extension GenomicFormat: Codable {}
extension GenomicFormat: CaseIterable {}
