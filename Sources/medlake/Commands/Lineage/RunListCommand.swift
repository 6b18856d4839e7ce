import ArgumentParser
import LakeEngine

/// `medlake run list [--manifest ID]`.
struct RunListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List training runs, newest first.")

    @OptionGroup var options: LakeOptions

    @Option(help: "Only runs of this manifest (hash, prefix or DATASET@VERSION).")
    var manifest: String?

    func run() async throws {
        try await reportingFailures {
            let lake = try options.api()
            let runs = try await allPages { page in try await lake.trainingRuns(RunQuery(manifest: manifest, page: page)) }
            if options.json { return try printJSON(runs) }
            var table = TextTable("ID", "MANIFEST", "IMAGE", "COMMIT", "WORKFLOW", "ACCOUNT", "BY", "AT")
            for run in runs {
                table.add(
                    String(run.id), String(run.manifestHash.prefix(16)), run.image, run.commit, run.workflow,
                    run.serviceAccount ?? "-", run.recordedBy, run.createdAt.formatted(.iso8601))
            }
            print(table.render(empty: "No runs."))
        }
    }
}
