import ArgumentParser
import LakeEngine

/// `medlake retention reject ID --comment …`.
struct RetentionRejectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reject", abstract: "Reject a deletion request; nothing is deleted.")

    @OptionGroup var options: LakeOptions

    @Argument(help: "The deletion request id.")
    var id: Int64

    @Option(help: "Why.")
    var comment: String

    func run() throws {
        try reportingFailures {
            let request = try options.open().rejectRetentionDeletion(id: id, comment: comment)
            if options.json { return try printJSON(request) }
            print(renderRetentionRequest(request))
        }
    }
}
