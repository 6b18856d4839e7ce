import ArgumentParser
import Foundation
import LakeEngine

/// `medlake token create NAME --role ROLE --expires 30d`: prints the secret, once.
struct TokenCreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Make a token for a service account; its secret is printed once and never stored.",
        discussion: """
            The token's caller acts with exactly --role, whatever lake.toml says, and every audit event of \
            its calls names it (actor token:NAME). Keep the secret in a file only its user can read \
            (chmod 600) and pass it with --token-file, or in MEDLAKE_TOKEN.
            """)

    @OptionGroup var options: LakeOptions

    @Argument(help: "The token's name (letters, digits, '.', '_' or '-'; never reused).")
    var name: String

    @Option(help: "The one role the token holds: admin, curator, annotator or operator.")
    var role: Role

    @Option(help: "Lifetime: a number and s, m, h or d (at most 365d).")
    var expires: String

    func validate() throws {
        guard TimeSpan.seconds(expires) != nil else {
            throw ValidationError("Please give --expires as a number and s, m, h or d, such as 30d.")
        }
    }

    func run() async throws {
        try await reportingFailures {
            let lifetime = TimeSpan.seconds(expires) ?? 0
            let issued = try await options.api().createToken(NewToken(name: name, role: role, lifetime: lifetime))
            if options.json { return try printJSON(issued) }
            print(issued.secret)
            FileHandle.standardError.write(Data(
                ("Token \(safe(name)) (\(role.rawValue)) expires \(issued.token.expiresAt.formatted(.iso8601)). "
                    + "The line above is its secret: it is not shown again.\n").utf8))
        }
    }
}
