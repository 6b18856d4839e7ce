/// Names of aligners and variant callers recognised in `@PG` and `##source` lines.
enum KnownPrograms {
    /// Lower-case aligner name prefixes; `PN` values like `bwa`, `bwa-mem2`, `STAR`, `minimap2` match.
    static let aligners = [
        "bwa", "bowtie", "star", "hisat", "minimap", "novoalign", "dragen", "isaac", "tmap", "bbmap",
        "gsnap", "blasr", "pbmm2", "tophat", "subread", "mosaik", "last", "ngmlr", "winnowmap", "strobealign",
    ]
    /// Lower-case variant caller name fragments found in `##source` or `##…Command` lines.
    static let variantCallers = [
        "haplotypecaller", "mutect", "unifiedgenotyper", "genotypegvcfs", "deepvariant", "freebayes",
        "bcftools", "strelka", "varscan", "octopus", "platypus", "dragen", "manta", "delly", "lofreq",
        "clair", "vardict", "sentieon", "gatk",
    ]
    /// Aligners used for RNA-seq, so a file aligned by one is RNA.
    static let rnaAligners = ["star", "hisat", "tophat", "subread"]

    static func isAligner(_ name: String) -> Bool {
        let lower = name.lowercased()
        return aligners.contains { lower.hasPrefix($0) }
    }

    static func isRNAAligner(_ name: String) -> Bool {
        let lower = name.lowercased()
        return rnaAligners.contains { lower.hasPrefix($0) }
    }

    /// The first known variant caller named in `text`, as written there.
    static func variantCaller(in text: String) -> String? {
        let lower = text.lowercased()
        return variantCallers.first { lower.contains($0) }
    }
}
