import ArgumentParser
import LakeEngine

/// `medlake token revoke NAME`.
struct TokenRevokeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revoke", abstract: "End a token now: its next call is refused.")

    @OptionGroup var options: LakeOptions

    @Argument(help: "The token's name.")
    var name: String

    func run() async throws {
        try await reportingFailures {
            let token = try await options.api().revokeToken(name: name)
            if options.json { return try printJSON(token) }
            print("Token \(safe(token.name)) revoked.")
        }
    }
}
