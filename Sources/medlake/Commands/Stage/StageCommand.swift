import ArgumentParser
import Foundation
import LakeEngine
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// `medlake stage DATASET@VERSION --to DIR [--run ID] [--no-restore]`: a version's files, verified, in a folder.
struct StageCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stage",
        abstract: "Write a published version's files into a folder, every byte verified against the manifest.",
        discussion: """
            Files keep the manifest's paths under DIR and the manifest is written last as DIR/manifest.json, so \
            a folder holding it is complete. Filesystem tiers are reflinked where the file system can (never \
            hard-linked: the lake's objects must not change through a staged name), else copied; S3 tiers are \
            read with parallel ranged GETs. Each file is hashed and flushed to disk before it takes its name \
            (--no-sync skips the flushes, for scratch space); a rerun keeps the files that still verify and \
            fetches the rest. Archived objects are restored first (needs the \
            operator role; --no-restore fails and lists them instead). The read is audited; with --run it is \
            recorded on the run (`medlake run show`). With --lake https://HOST:PORT and a token the lake \
            service checks and audits the read and hands out one URL per file (presigned S3 GETs, or its own \
            stream of folder objects), and this process fetches and verifies the bytes: it needs neither the \
            lake folder nor tier credentials. See docs/containers.md.
            """)

    @OptionGroup var options: LakeOptions

    @Argument(help: "The version: DATASET@N, DATASET@latest or a manifest hash.")
    var version: String

    @Option(help: "The folder to stage into (created if missing).")
    var to: String

    @Option(name: .customLong("run"), help: "The training run this staging feeds (from `medlake run record`).")
    var runID: Int64?

    @Flag(help: "Fail, listing the archived objects, instead of restoring them.")
    var noRestore = false

    @Option(help: "The tier to restore archived objects into (default: warm).")
    var restoreTo: String?

    @Option(help: "Byte ranges fetched at once.")
    var connections = 16

    @Flag(help: "Do not flush the files to disk (scratch space that does not outlive the machine).")
    var noSync = false

    func validate() throws {
        guard connections >= 1 else { throw ValidationError("Please give --connections of at least 1.") }
    }

    func run() async throws {
        try await reportingFailures {
            let lake = try options.api()
            let printer = StageProgressPrinter(interactive: isatty(STDERR_FILENO) == 1)
            let report = try await lake.stage(
                version, to: to,
                options: StageOptions(
                    run: runID, restore: !noRestore, restoreTier: restoreTo, connections: connections, sync: !noSync),
                progress: { printer.show($0) })
            printer.end()
            if options.json { return try printJSON(report) }
            let methods = StageMethod.allCases.compactMap { method in
                report.methods[method.rawValue].map { "\($0) \(method.rawValue)" }
            }
            print(
                "Staged \(safe(report.version)): \(report.files) files, \(byteCount(report.bytes)) in \(safe(report.directory))"
                    + (methods.isEmpty ? "" : " (\(methods.joined(separator: ", ")))")
                    + (report.restoredObjects > 0 ? ", \(report.restoredObjects) objects restored first" : "")
                    + (report.run.map { ", for run \($0)" } ?? "") + ".")
        }
    }
}

/// Prints staging progress on standard error: each step of a restore, and on a terminal a running count
/// of files staged. Thread-safe (events come from the staging's tasks).
final class StageProgressPrinter: Sendable {
    private struct State {
        var files = 0
        var bytes: Int64 = 0
        var lastRestore: Int64 = -1
    }

    private let interactive: Bool
    private let state = Mutex(State())

    init(interactive: Bool) {
        self.interactive = interactive
    }

    func show(_ event: StageEvent) {
        let line: String? = state.withLock { state in
            switch event {
            case .restoring(let job, let done, let total):
                guard done != state.lastRestore else { return nil }
                state.lastRestore = done
                return "restoring archived objects: \(done)/\(total) (job \(job))\n"
            case .staged(_, let bytes, _):
                state.files += 1
                state.bytes += bytes
                return interactive ? "\rstaged \(state.files) files, \(byteCount(state.bytes))" : nil
            }
        }
        if let line { FileHandle.standardError.write(Data(line.utf8)) }
    }

    /// Ends the running count's line.
    func end() {
        if interactive, state.withLock({ $0.files }) > 0 { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
