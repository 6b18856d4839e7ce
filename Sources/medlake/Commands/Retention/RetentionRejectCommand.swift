import ArgumentParser
import LakeEngine

/// `medlake retention reject ID --comment …`.
struct RetentionRejectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reject", abstract: "Reject a deletion request; nothing is deleted.")

    @OptionGroup var options: LakeOptions

    @Argument(help: "The deletion request id.")
    var id: Int64

    @Option(help: "Why.")
    var comment: String

    func run() async throws {
        try await reportingFailures {
            let request = try await options.api().rejectRetentionDeletion(id: id, comment: comment)
            if options.json { return try printJSON(request) }
            print(renderRetentionRequest(request))
        }
    }
}
