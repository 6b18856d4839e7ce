import ArgumentParser
import LakeEngine

/// `medlake dataset deprecate NAME --successor NAME@VERSION --reason …`.
struct DatasetDeprecateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deprecate",
        abstract: "Mark a dataset deprecated in favour of a published version of another dataset.",
        discussion: "New promotions and training runs from a deprecated dataset are refused. Needs curator or admin.")

    @OptionGroup var options: LakeOptions

    @Argument(help: "The dataset to deprecate.")
    var name: String

    @Option(help: "The published version that supersedes it (NAME@VERSION).")
    var successor: String

    @Option(help: "Why (audited).")
    var reason: String

    func run() async throws {
        try await reportingFailures {
            let deprecation = try await options.api().deprecate(
                NewDeprecation(dataset: name, successor: successor, reason: reason))
            if options.json { return try printJSON(deprecation) }
            print("\(safe(deprecation.dataset)) deprecated: use \(safe(deprecation.successor))")
        }
    }
}
