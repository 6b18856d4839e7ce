import ArgumentParser
import Catalog
import LakeEngine

/// `medlake flags`: quality flags.
struct FlagsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "flags",
        abstract: "Add, list, resolve and waive quality flags.",
        subcommands: [FlagsAddCommand.self, FlagsListCommand.self, FlagsResolveCommand.self, FlagsWaiveCommand.self]
    )
}

extension FlagSeverity: ExpressibleByArgument {}
extension FlagState: ExpressibleByArgument {}

/// One line per flag, for human output.
func flagTable(_ flags: [FlagSummary]) -> String {
    var table = TextTable("ID", "SEVERITY", "STATE", "CODE", "TARGET", "SOURCE", "AUTHOR", "NOTE")
    for flag in flags {
        table.add(
            String(flag.id), flag.severity.rawValue, flag.state.rawValue, flag.code, flag.target, flag.source.rawValue,
            flag.author,
            flag.resolution.map { "\(flag.note) — \($0)" } ?? flag.note)
    }
    return table.render(empty: "No flags.")
}
