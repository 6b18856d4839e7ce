import ArgumentParser
import LakeEngine

/// `medlake hold add DATASET[@VERSION] --reason …` (admin).
struct HoldAddCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Put a legal hold on a dataset or one version (admin; audited).")

    @OptionGroup var options: LakeOptions

    @Argument(help: "DATASET (every version) or DATASET@VERSION.")
    var target: String

    @Option(help: "Why (audited).")
    var reason: String

    func run() async throws {
        try await reportingFailures {
            let hold = try await options.api().placeHold(NewHold(target: target, reason: reason))
            if options.json { return try printJSON(hold) }
            print("hold \(hold.id) on \(safe(hold.target)): \(hold.objects) object(s) held")
        }
    }
}
