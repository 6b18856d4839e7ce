import ArgumentParser
import LakeEngine

/// `medlake retention approve ID --comment …`.
struct RetentionApproveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "approve",
        abstract: "Approve a deletion request (never your own; one decision per person); the last approval deletes.",
        discussion: "Needs a role [approval] approver_roles lists, or an approve grant on every dataset it covers.")

    @OptionGroup var options: LakeOptions

    @Argument(help: "The deletion request id.")
    var id: Int64

    @Option(help: "Why.")
    var comment: String

    func run() async throws {
        try await reportingFailures {
            let request = try await options.api().approveRetentionDeletion(id: id, comment: comment)
            if options.json { return try printJSON(request) }
            print(renderRetentionRequest(request))
        }
    }
}
