import ArgumentParser
import LakeEngine

/// `medlake retention execute ID`: finish removing the bytes of an approved deletion.
struct RetentionExecuteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "execute",
        abstract: "Remove the bytes an approved deletion left behind (after a crash or a tier error).")

    @OptionGroup var options: LakeOptions

    @Argument(help: "The deletion request id.")
    var id: Int64

    func run() async throws {
        try await reportingFailures {
            let request = try await options.api().executeRetention(id: id)
            if options.json { return try printJSON(request) }
            print(renderRetentionRequest(request))
        }
    }
}
