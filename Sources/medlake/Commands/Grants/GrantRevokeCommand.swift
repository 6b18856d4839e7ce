import ArgumentParser
import LakeEngine

/// `medlake grant revoke ID`.
struct GrantRevokeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "revoke", abstract: "End a grant now (admin only).")

    @OptionGroup var options: LakeOptions

    @Argument(help: "The grant id.")
    var id: Int64

    func run() async throws {
        try await reportingFailures {
            let grant = try await options.api().revokeAccess(grant: id)
            if options.json { return try printJSON(grant) }
            print("Grant \(id) revoked.")
        }
    }
}
