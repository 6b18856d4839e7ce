import ArgumentParser
import LakeEngine

/// `medlake promote show ID`.
struct PromoteShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show a promotion's checks, decisions and manifest diff against its source.")

    @OptionGroup var options: LakeOptions

    @Argument(help: "The promotion id.")
    var id: Int64

    struct Shown: Encodable {
        var promotion: PromotionSummary
        var diff: ManifestDiff
    }

    func run() async throws {
        try await reportingFailures {
            let lake = try options.api()
            let promotion = try await lake.promotion(id: id)
            let diff = try await lake.promotionDiff(id: id)
            if options.json { return try printJSON(Shown(promotion: promotion, diff: diff)) }
            print(renderPromotion(promotion))
            print("diff:")
            print(renderDiff(diff))
        }
    }
}
