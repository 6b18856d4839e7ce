import ArgumentParser
import Foundation
import LakeEngine

#if canImport(Glibc)
import Glibc
#endif

/// `medlake ingest PATH... --dataset NAME`: catalog files into a dataset.
struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Ingest files and folders into a dataset.",
        discussion: """
            Sniffs each file by content (DICOM, VCF/BCF, SAM/BAM/CRAM, FASTQ, sample sheets), reads headers only, stores \
            the bytes content-addressed in the ingest tier and catalogs them with automatic quality flags. \
            Re-ingesting the same bytes adds nothing. Needs the operator, curator or admin role. \
            Exits with status 3 when some files could not be ingested (they are listed; the rest is cataloged).
            """
    )

    @OptionGroup var options: LakeOptions

    @Argument(help: "Files and folders to ingest.")
    var paths: [String]

    @Option(help: "The dataset to ingest into (created in the ingest zone if new).")
    var dataset: String

    @Flag(help: "Keep files of unknown format as opaque objects instead of only reporting them.")
    var keepUnknown = false

    func validate() throws {
        guard !paths.isEmpty else { throw ValidationError("Please give at least one file or folder to ingest.") }
    }

    func run() throws {
        try reportingFailures {
            let lake = try options.open()
            let meter = isatty(STDERR_FILENO) == 1 ? ProgressLine() : nil
            let report = try lake.ingest(
                paths, dataset: dataset, options: IngestOptions(keepUnknown: keepUnknown),
                progress: meter.map { meter in { meter.show($0) } })
            meter?.finish()
            if options.json {
                try printJSON(report)
            } else {
                print(IngestSummary(report: report).text)
            }
            if !report.errors.isEmpty { throw ExitCode(3) }
        }
    }
}
