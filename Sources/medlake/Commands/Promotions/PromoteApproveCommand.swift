import ArgumentParser
import LakeEngine

/// `medlake promote approve ID --comment …`.
struct PromoteApproveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "approve",
        abstract: "Approve a promotion (never your own request; one decision per person).",
        discussion: "Needs a role [approval] approver_roles lists, or an approve grant on the dataset.")

    @OptionGroup var options: LakeOptions

    @Argument(help: "The promotion id.")
    var id: Int64

    @Option(help: "Why.")
    var comment: String

    func run() async throws {
        try await reportingFailures {
            let promotion = try await options.api().approvePromotion(id: id, comment: comment)
            if options.json { return try printJSON(promotion) }
            print(renderPromotion(promotion))
        }
    }
}
