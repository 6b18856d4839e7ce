import Genomics

/// What a curated copy does with each genomic format's identifying header data.
///
/// - VCF: `#CHROM` sample columns and `##SAMPLE` lines renamed, `##PEDIGREE` dropped (``VCFSampleRewriter``).
/// - SAM, BAM: `@RG SM` renamed, `DS`/`DT`/`CN` and `@CO` dropped, sample names elsewhere replaced
///   (``SAMHeaderRewriter``); records are copied.
/// - FASTQ: copied as is. Read names carry the instrument, run, flowcell, lane and tile coordinates
///   (Illumina `@M00123:45:000000000-A1B2C:1:1101:15589:1333`), which identify a machine run, not a
///   person; the sample name only appears in the file name, which the curated path replaces.
/// - CRAM, BCF: refused by the policy check. MedLake cannot re-encode a CRAM container header or a BCF
///   header dictionary, and copying them would carry the sample names into the curated zone.
enum GenomicHeaderPolicy {
    /// Formats whose curated copy is a rewritten derived object.
    static let rewritten: Set<String> = ["VCF", "SAM", "BAM"]

    static let samSummary = "@RG SM renamed; @RG DS/DT/CN and @CO removed; records copied"
    static let fastqSummary = "copied as is (read names hold instrument and run ids, not patient data)"

    /// Why a format cannot go to the curated zone, if it cannot.
    static func refusal(format: String) -> String? {
        switch format {
        case "CRAM":
            "CRAM header not de-identifiable by MedLake: convert to BAM (samtools view -b) and ingest that instead"
        case "BCF":
            "BCF header not de-identifiable by MedLake: convert to VCF (bcftools view -Oz) and ingest that instead"
        default: nil
        }
    }

    /// The derived copy of a VCF, SAM or BAM with its samples renamed.
    static func rewrite(_ bytes: [UInt8], format: String, rename: (String) -> String) throws -> [UInt8] {
        switch format {
        case "SAM": try SAMHeaderRewriter.rewriteSAM(bytes, rename: rename)
        case "BAM": try SAMHeaderRewriter.rewriteBAM(bytes, rename: rename)
        default: try VCFSampleRewriter.rewrite(bytes, rename: rename)
        }
    }
}
