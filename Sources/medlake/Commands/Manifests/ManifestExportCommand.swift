import ArgumentParser
import Foundation
import LakeEngine
import TUI

/// `medlake manifest export DATASET@VERSION`: the canonical manifest bytes.
struct ManifestExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a version's canonical manifest (its SHA-256 is the version's id).")

    @OptionGroup var options: LakeOptions

    @Argument(help: "DATASET@N, DATASET@HASHPREFIX or DATASET@latest.")
    var version: String

    @Option(name: .shortAndLong, help: "Write to this file (default: standard output).")
    var output: String?

    func run() async throws {
        try await reportingFailures {
            let document = try await options.api().manifestDocument(version: version)
            let (hash, bytes) = (document.hash, Array(document.text.utf8))
            if let output {
                let written = FileManager.default.createFile(
                    atPath: output, contents: Data(bytes), attributes: [.posixPermissions: 0o640])
                guard written else { throw LakeError.invalidArgument("Cannot write \(output).") }
                if options.json { return try printJSON(["manifest": hash, "file": output]) }
                print("Wrote \(safe(output)) (manifest \(hash)).")
            } else {
                // Piped: the exact canonical bytes, so `sha256sum` of the output is the version's id.
                // With --json: the same bytes with terminal controls and bidi characters written as
                // `\uXXXX` escapes (it parses to the same manifest; the hash changes only when it held some).
                // On a terminal: sanitized, as data text may hold C1 or bidi characters JSON leaves raw.
                if options.json {
                    var escaped = TerminalSafeJSON.escape(bytes)
                    escaped.append(0x0A)
                    FileHandle.standardOutput.write(escaped)
                } else if isatty(STDOUT_FILENO) != 0 {
                    print(safe(String(decoding: bytes, as: UTF8.self)))
                } else {
                    FileHandle.standardOutput.write(Data(bytes))
                }
            }
        }
    }
}
