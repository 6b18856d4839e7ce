import ArgumentParser
import LakeEngine

/// `medlake retention status DATASET`: how long the dataset is kept, whether it is held or superseded.
struct RetentionStatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show how long a dataset is kept, its legal holds, whether it is deprecated and its score.")

    @OptionGroup var options: LakeOptions

    @Argument(help: "The dataset name.")
    var dataset: String

    func run() async throws {
        try await reportingFailures {
            let status = try await options.api().retentionStatus(of: dataset)
            if options.json { return try printJSON(status) }
            print("\(safe(dataset)): \(safe(status.retention.summary))")
            if let reason = status.retention.overrideReason { print("  override: \(safe(reason))") }
            print(status.holds.isEmpty
                ? "  no legal hold"
                : "  held: " + status.holds.map { "#\($0.id) \(safe($0.target)) (\(safe($0.reason)))" }.joined(separator: "; "))
            if let deprecation = status.deprecation {
                print("  deprecated: use \(safe(deprecation.successor)) (\(safe(deprecation.reason)))")
            }
            print("  quality score: " + (status.qualityScore.map { String($0) } ?? "no version yet"))
        }
    }
}
