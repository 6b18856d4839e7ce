import Catalog
import ArgumentParser
import LakeEngine

/// `medlake flags add TARGET CODE`: raise a flag.
struct FlagsAddCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Raise a quality flag on a UID, sample, dataset or object hash.",
        discussion: "CODE must be in the lake's vocabulary ([flags.codes] in lake.toml). Needs annotator or curator.")

    @OptionGroup var options: LakeOptions

    @Argument(help: "What the flag is about.")
    var target: String

    @Argument(help: "A flag code from the lake's vocabulary.")
    var code: String

    @Option(help: "info, warning or blocking (default: the code's severity).")
    var severity: FlagSeverity?

    @Option(help: "What is wrong.")
    var note: String = ""

    func run() async throws {
        try await reportingFailures {
            let flag = try await options.api().raiseFlag(
                NewFlag(target: target, code: code, severity: severity, note: note))
            if options.json { return try printJSON(flag) }
            print("Flag #\(flag.id) \(flag.severity.rawValue) \(safe(flag.code)) raised on \(safe(flag.target)).")
        }
    }
}
