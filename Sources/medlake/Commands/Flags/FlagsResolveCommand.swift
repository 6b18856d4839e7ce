import ArgumentParser
import LakeEngine

/// `medlake flags resolve ID --note …`: mark a flag resolved.
struct FlagsResolveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resolve", abstract: "Mark an open flag resolved, saying what was done.")

    @OptionGroup var options: LakeOptions

    @Argument(help: "The flag's id.")
    var id: Int64

    @Option(help: "What was done about it.")
    var note: String

    func run() async throws {
        try await reportingFailures {
            let flag = try await options.api().closeFlag(id: id, .resolve(note: note))
            if options.json { return try printJSON(flag) }
            print("Flag #\(id) resolved.")
        }
    }
}
