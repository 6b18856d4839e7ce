import ArgumentParser
import LakeEngine

/// `medlake retention override DATASET [--min-days N] [--max-days N] --reason …` (admin).
struct RetentionOverrideCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "override",
        abstract: "Give one dataset a keep period of its own instead of the lake.toml policy (admin).")

    @OptionGroup var options: LakeOptions

    @Argument(help: "The dataset name.")
    var dataset: String

    @Option(help: "Days its objects must be kept at least.")
    var minDays: Double?

    @Option(help: "Days after which its objects must be deleted.")
    var maxDays: Double?

    @Option(help: "Why (audited).")
    var reason: String

    func validate() throws {
        for days in [minDays, maxDays].compactMap({ $0 }) where days < 0 || !days.isFinite {
            throw ValidationError("Please give --min-days and --max-days as 0 or more days.")
        }
    }

    func run() async throws {
        try await reportingFailures {
            let standing = try await options.api().overrideRetention(
                NewRetentionOverride(dataset: dataset, minDays: minDays, maxDays: maxDays, reason: reason))
            if options.json { return try printJSON(standing) }
            print("\(safe(dataset)): \(safe(standing.summary))")
        }
    }
}
