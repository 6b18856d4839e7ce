import ArgumentParser
import Foundation
import LakeEngine

#if canImport(Glibc)
import Glibc
#endif

/// `medlake ingest PATH... --dataset NAME`: catalog files into a dataset; or pull them from a DICOM
/// server with `--from-orthanc URL` or `--from-dicomweb URL`.
struct IngestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Ingest files and folders, or a DICOM server's instances, into a dataset.",
        discussion: """
            Sniffs each file by content (DICOM, VCF/BCF, SAM/BAM/CRAM, FASTQ, sample sheets), reads headers only, stores \
            the bytes content-addressed in the ingest tier and catalogs them with automatic quality flags. \
            Re-ingesting the same bytes adds nothing. Needs the operator, curator or admin role. File names need \
            not be UTF-8 (in folders or on the command line): such a name is shown with each invalid byte \
            written \\xHH.

            Every file that fails is listed with its reason. Exit status: 0 when every file is in the dataset; \
            3 when some files failed and the rest were cataloged; 1 when no file could be ingested (a new \
            dataset is then not created) or the ingest could not run.

            --from-orthanc pulls new instances over Orthanc's REST API (/changes, /instances/{id}/file) and \
            resumes after the last change a previous pull committed; --from-dicomweb pulls the instances the \
            dataset lacks over QIDO-RS and WADO-RS. Credentials: MEDLAKE_REMOTE_USER and \
            MEDLAKE_REMOTE_PASSWORD, else the --netrc file's entry for the server's host. On a served lake \
            this process pulls, with those credentials, and streams the instances to the service, which \
            records the Orthanc cursor with each batch; the service never fetches the URL itself.
            """
    )

    /// The exit status when some files failed and the others were cataloged.
    static let partialFailureStatus = ExitCode(3)

    @OptionGroup var options: LakeOptions

    @Argument(help: "Files and folders to ingest.")
    var paths: [String] = []

    @Option(help: "The dataset to ingest into (created in the ingest zone if new).")
    var dataset: String

    @Flag(help: "Keep files of unknown format as opaque objects instead of only reporting them.")
    var keepUnknown = false

    @Option(name: .customLong("from-orthanc"), help: "Pull from the Orthanc server at this URL.")
    var orthanc: String?

    @Option(name: .customLong("from-dicomweb"), help: "Pull from the DICOMweb service at this URL (its root).")
    var dicomweb: String?

    @Option(help: "With --from-orthanc: start after this change number instead of where the last pull stopped.")
    var since: Int64?

    @Option(help: "A netrc-style file with the server's login and password.")
    var netrc: String?

    func validate() throws {
        let sources = (paths.isEmpty ? 0 : 1) + (orthanc == nil ? 0 : 1) + (dicomweb == nil ? 0 : 1)
        guard sources == 1 else {
            throw ValidationError("Please give files or folders, or one of --from-orthanc and --from-dicomweb.")
        }
        if since != nil, orthanc == nil { throw ValidationError("Please use --since only with --from-orthanc.") }
        if let since, since < 0 { throw ValidationError("Please give a change number of at least 0 to --since.") }
    }

    func run() async throws {
        try await reportingFailures {
            let meter = isatty(STDERR_FILENO) == 1 ? ProgressLine() : nil
            let progress = meter.map { meter in { @Sendable (value: IngestProgress) in meter.show(value) } }
            let report: IngestReport
            if let url = orthanc ?? dicomweb {
                // This process talks to the server, with the user's credentials: through the service it
                // streams what it pulled, and the service records the Orthanc cursor with each batch.
                let credentials = try RemoteCredentials.resolve(
                    host: URL(string: url)?.host ?? "", environment: ProcessInfo.processInfo.environment,
                    netrcPath: netrc)
                let pull = RemotePull(
                    kind: orthanc != nil ? .orthanc : .dicomweb, url: url, dataset: dataset, since: since,
                    keepUnknown: keepUnknown)
                report = try await options.api().pull(pull, credentials: credentials, progress: progress)
            } else {
                // Through the service when one serves the lake: this process reads the files as the user
                // and sends their bytes; the service never opens the paths.
                report = try await options.api().ingest(
                    files: paths.map(RawArguments.sourcePath(for:)), dataset: dataset, keepUnknown: keepUnknown,
                    progress: progress)
            }
            meter?.finish()
            if options.json {
                try printJSON(report)
            } else {
                print(IngestSummary(report: report).text)
            }
            switch report.result {
            case .complete:
                break
            case .partial:
                throw Self.partialFailureStatus
            case .failed:
                FileHandle.standardError.write(Data(
                    "medlake: error: no file could be ingested into \(safe(report.dataset))\n".utf8))
                throw ExitCode.failure
            }
        }
    }
}
