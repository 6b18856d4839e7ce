import ArgumentParser

/// `medlake genomics …`: read genomic file headers and sample facts.
struct GenomicsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "genomics",
        abstract: "Read VCF, BCF, SAM, BAM, CRAM and FASTQ headers and sample facts.",
        subcommands: [GenomicsInspectCommand.self]
    )
}
