import ArgumentParser
import LakeEngine

/// `medlake flags reopen ID --note …`: open a resolved or waived flag again.
struct FlagsReopenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reopen", abstract: "Reopen a resolved or waived flag, saying why.",
        discussion: "Needs annotator or curator, as resolving does. A reopened blocking flag blocks promotions again.")

    @OptionGroup var options: LakeOptions

    @Argument(help: "The flag's id.")
    var id: Int64

    @Option(help: "Why the flag is open again.")
    var note: String

    func run() async throws {
        try await reportingFailures {
            let flag = try await options.api().reopenFlag(id: id, FlagReopening(note: note))
            if options.json { return try printJSON(flag) }
            print("Flag #\(id) reopened.")
        }
    }
}
