import Catalog
import ArgumentParser
import LakeEngine

/// `medlake flags list`: list flags.
struct FlagsListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List quality flags.")

    @OptionGroup var options: LakeOptions

    @Option(help: "open, resolved or waived.")
    var state: FlagState?

    @Option(help: "info, warning or blocking.")
    var severity: FlagSeverity?

    @Option(help: "Only flags with this code.")
    var code: String?

    @Option(help: "Only flags of this dataset.")
    var dataset: String?

    @Option(help: "Only flags on this target.")
    var target: String?

    func run() async throws {
        try await reportingFailures {
            let lake = try options.api()
            let flags = try await allPages { page in
                try await lake.flags(
                    FlagQuery(state: state, severity: severity, code: code, target: target, dataset: dataset, page: page))
            }
            if options.json { return try printJSON(flags) }
            print(flagTable(flags))
        }
    }
}
