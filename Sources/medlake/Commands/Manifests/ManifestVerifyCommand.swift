import ArgumentParser
import LakeEngine

/// `medlake manifest verify DATASET@VERSION|FILE`: re-hash every object.
struct ManifestVerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Re-hash every object of a manifest wherever it lives now; report missing, corrupt or archived ones.",
        discussion: "Exits with status 1 when anything is not ok.")

    @OptionGroup var options: LakeOptions

    @Argument(help: "DATASET@VERSION, or a manifest file written by 'manifest export'.")
    var manifest: String

    func run() throws {
        try reportingFailures {
            let result = try options.open().verifyManifest(manifest)
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
}
