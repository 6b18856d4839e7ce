import ArgumentParser
import Foundation
import LakeEngine

/// `medlake token list`: names, roles and states; never secrets.
struct TokenListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List tokens with their roles and states (no secrets).")

    @OptionGroup var options: LakeOptions

    func run() async throws {
        try await reportingFailures {
            let tokens = try await options.api().tokens()
            if options.json { return try printJSON(tokens) }
            var table = TextTable("NAME", "ROLE", "STATE", "EXPIRES", "CREATED BY")
            for token in tokens {
                table.add(
                    token.name, token.role.rawValue, token.state.rawValue, token.expiresAt.formatted(.iso8601),
                    token.createdBy)
            }
            print(table.render(empty: "No tokens."))
        }
    }
}
