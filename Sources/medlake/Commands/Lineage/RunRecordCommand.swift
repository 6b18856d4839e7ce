import ArgumentParser
import LakeEngine

/// `medlake run record --manifest ID --image sha256:… --commit SHA --workflow HASH`.
struct RunRecordCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record", abstract: "Bind a training run to the manifest it trained on.",
        discussion: "Needs operator, curator or admin.")

    @OptionGroup var options: LakeOptions

    @Option(help: "Manifest hash (or 8+ digit prefix) or DATASET@VERSION.")
    var manifest: String

    @Option(help: "Container image digest, sha256:….")
    var image: String

    @Option(help: "Code commit.")
    var commit: String

    @Option(help: "Workflow hash.")
    var workflow: String

    @Option(help: "Service account that ran it.")
    var serviceAccount: String?

    @Option(help: "A run parameter, k=v (repeatable).")
    var param: [String] = []

    func validate() throws {
        if let bad = param.first(where: { !$0.contains("=") }) {
            throw ValidationError("Please write --param as key=value (got '\(bad)').")
        }
    }

    func run() throws {
        try reportingFailures {
            var parameters: [String: String] = [:]
            for pair in param {
                let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
                parameters[parts[0]] = parts.count > 1 ? parts[1] : ""
            }
            let run = try options.open().recordRun(
                manifest: manifest, image: image, commit: commit, workflow: workflow, serviceAccount: serviceAccount,
                parameters: parameters)
            if options.json { return try printJSON(run) }
            print("Run \(run.id ?? 0) recorded on manifest \(run.manifestHash).")
        }
    }
}
