import ArgumentParser
import Foundation
import Genomics

/// `medlake genomics inspect FILE…`: format, header facts, samples, reference, integrity and counts.
struct GenomicsInspectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Print what genomic files say: format, header facts, samples, reference, integrity and counts.",
        discussion: """
            Exits with status 1 when a file could not be read to the end or is truncated; the facts read \
            before the problem are still printed.
            """
    )

    @Argument(help: "The VCF, BCF, SAM, BAM, CRAM, FASTQ or sample-sheet files to read.")
    var files: [String]

    @Flag(help: "Print one JSON document instead of text.")
    var json = false

    @Flag(help: "Read headers and end markers only; skip the streaming pass over records.")
    var headerOnly = false

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("Please name at least one file to inspect.") }
    }

    func run() async throws {
        let inspector = GenomicInspector(headerOnly: headerOnly)
        let reports = files.map { inspector.inspect(path: $0) }
        let samples = SampleCollector.collect(reports)
        if json {
            try printJSON(GenomicsInspection(files: reports, samples: samples))
        } else {
            var output = ""
            for report in reports { GenomicsReportPrinter.write(report, to: &output) }
            GenomicsReportPrinter.write(samples, to: &output)
            FileHandle.standardOutput.write(Data(output.utf8))
        }
        if reports.contains(where: { $0.error != nil || $0.integrity.truncated }) { throw ExitCode(1) }
    }
}

/// The JSON document `inspect --json` prints.
struct GenomicsInspection: Encodable {
    var files: [GenomicFileReport]
    var samples: [GenomicSample]
}
