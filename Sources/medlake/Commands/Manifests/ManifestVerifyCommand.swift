import ArgumentParser
import Foundation
import LakeEngine

/// `medlake manifest verify DATASET@VERSION|FILE`: re-hash every object.
struct ManifestVerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Re-hash every object of a manifest wherever it lives now; report missing, corrupt or archived ones.",
        discussion: "Exits with status 1 when anything is not ok.")

    @OptionGroup var options: LakeOptions

    @Argument(help: "DATASET@VERSION, or a manifest file written by 'manifest export'.")
    var manifest: String

    func run() async throws {
        try await reportingFailures {
            let result = try await options.api().verifyManifest(try source())
            if options.json {
                try printJSON(result)
            } else {
                print("manifest \(result.manifest): \(result.okCount)/\(result.entryCount) objects ok"
                    + (result.manifestIntact ? "" : "; the manifest's bytes do not match its hash"))
                var table = TextTable("STATUS", "SHA256", "PATH", "WHERE")
                for problem in result.problems {
                    table.add(problem.status.rawValue, problem.sha256, problem.path, problem.location)
                }
                if !result.problems.isEmpty { print(table.render(empty: "")) }
            }
            if !result.isIntact { throw ExitCode.failure }
        }
    }

    /// The manifest to check: a file is read here, as the user, and sent as its bytes (the lake service
    /// opens no file on a caller's behalf); anything else names a published version.
    private func source() throws -> ManifestSource {
        guard FileManager.default.fileExists(atPath: manifest) else { return .version(manifest) }
        return .document(name: manifest, bytes: Array(try Data(contentsOf: URL(fileURLWithPath: manifest))))
    }
}
