import ArgumentParser
import LakeEngine

/// `medlake promote execute ID`: run or retry an approved promotion.
struct PromoteExecuteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "execute",
        abstract: "Build and publish the target version of an approved promotion (retries a failed or interrupted run).",
        discussion: "Curated promotions need the de-identification key, readable only by its owner.")

    @OptionGroup var options: LakeOptions

    @Argument(help: "The promotion id.")
    var id: Int64

    func run() async throws {
        try await reportingFailures {
            let promotion = try await options.api().executePromotion(id: id)
            if options.json { return try printJSON(promotion) }
            print(renderPromotion(promotion))
        }
    }
}
