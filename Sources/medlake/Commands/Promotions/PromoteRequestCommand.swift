import ArgumentParser
import LakeEngine

/// `medlake promote request DATASET@VERSION --to ZONE`.
struct PromoteRequestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "request",
        abstract: "Request promotion of a published version into the next zone; policy checks run and are recorded.",
        discussion: """
            --select keeps members matching every term (key=value[,value…], separated by spaces or ';'):
            modality, bodypart, description, assay, sample, format, study, series, and
            flags=none-open|no-open-warnings|no-open-blocking. Example: "modality=CT bodypart=CHEST flags=no-open-warnings".
            Needs curator or admin.
            """)

    @OptionGroup var options: LakeOptions

    @Argument(help: "The published source version: DATASET@N, DATASET@HASHPREFIX or DATASET@latest.")
    var version: String

    @Option(help: "The target zone (curated or training).")
    var to: String

    @Option(help: "Keep only the members this filter selects.")
    var select: String?

    @Option(help: "Why the promotion is needed.")
    var reason: String = ""

    func run() async throws {
        try await reportingFailures {
            let promotion = try await options.api().requestPromotion(
                PromotionRequest(source: version, zone: to, select: select, reason: reason))
            if options.json { return try printJSON(promotion) }
            print(renderPromotion(promotion))
        }
    }
}
