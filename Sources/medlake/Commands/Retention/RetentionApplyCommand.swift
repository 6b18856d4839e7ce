import ArgumentParser
import LakeEngine

/// `medlake retention apply --reason …`: queue the plan as a deletion request.
struct RetentionApplyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Queue what the plan lets go as one deletion request; nothing is deleted before approval.",
        discussion: "Needs operator or admin. Approvers decide with 'medlake retention approve ID'.")

    @OptionGroup var options: LakeOptions

    @Option(help: "Why the deletion is requested (audited).")
    var reason: String

    func run() async throws {
        try await reportingFailures {
            let request = try await options.api().requestRetentionDeletion(reason: reason)
            if options.json { return try printJSON(request) }
            print(renderRetentionRequest(request))
        }
    }
}
