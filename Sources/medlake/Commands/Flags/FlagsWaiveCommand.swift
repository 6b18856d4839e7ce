import ArgumentParser
import LakeEngine

/// `medlake flags waive ID --reason …`: accept a flagged problem.
struct FlagsWaiveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "waive", abstract: "Waive an open flag: accept the data as it is, with a reason.",
        discussion: "Waiving a blocking flag needs the curator role.")

    @OptionGroup var options: LakeOptions

    @Argument(help: "The flag's id.")
    var id: Int64

    @Option(help: "Why the data is acceptable anyway.")
    var reason: String

    func run() async throws {
        try await reportingFailures {
            let flag = try await options.api().closeFlag(id: id, .waive(reason: reason))
            if options.json { return try printJSON(flag) }
            print("Flag #\(id) waived.")
        }
    }
}
