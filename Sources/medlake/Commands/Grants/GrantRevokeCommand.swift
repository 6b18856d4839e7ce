import ArgumentParser
import LakeEngine

/// `medlake grant revoke ID`.
struct GrantRevokeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "revoke", abstract: "End a grant now (admin only).")

    @OptionGroup var options: LakeOptions

    @Argument(help: "The grant id.")
    var id: Int64

    func run() throws {
        try reportingFailures {
            let grant = try options.open().revokeGrant(id: id)
            if options.json { return try printJSON(grant) }
            print("Grant \(id) revoked.")
        }
    }
}
