import ArgumentParser
import LakeEngine

/// `medlake hold release ID --reason …` (admin).
struct HoldReleaseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "release", abstract: "Release a legal hold (admin; audited).")

    @OptionGroup var options: LakeOptions

    @Argument(help: "The hold id.")
    var id: Int64

    @Option(help: "Why (audited).")
    var reason: String

    func run() async throws {
        try await reportingFailures {
            let hold = try await options.api().releaseHold(id: id, reason: reason)
            if options.json { return try printJSON(hold) }
            print("hold \(hold.id) on \(safe(hold.target)) released")
        }
    }
}
