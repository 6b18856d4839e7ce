import Foundation
import Testing

/// Roles change only through `medlake roles`, by an admin, each change audited; a curator cannot make
/// themselves admin, and an edit of `lake.toml` behind the CLI's back is reported by `audit verify`.
/// Real Unix users run the real binary.
@Suite(.serialized, .enabled(if: UnixUsers.available, "needs root to create Unix users"))
struct RoleChangeCLITests {
    @Test func onlyAnAdminChangesRolesAndHandEditsAreReported() throws {
        let shared = try GroupLake("roles", users: ["alice", "carol"])
        let (alice, carol, lake) = (shared.owner, shared.users.names[1], shared.lake)

        let granted = try shared.medlake(["roles", "grant", carol, "curator"], as: alice)
        #expect(granted.status == 0, "\(granted.stderr)")
        #expect(granted.stdout.contains("now holds curator"))

        // The curator tries to make herself admin through the CLI: refused, and lake.toml is unchanged.
        let before = try String(contentsOfFile: lake + "/lake.toml", encoding: .utf8)
        let selfPromotion = try shared.medlake(["roles", "grant", carol, "admin"], as: carol)
        #expect(selfPromotion.status != 0)
        #expect(selfPromotion.stderr.contains("\(carol) may not"), "\(selfPromotion.stderr)")
        #expect(try String(contentsOfFile: lake + "/lake.toml", encoding: .utf8) == before)
        // Nor can she write the file herself: it is the service account's alone.
        let mode = try FileManager.default.attributesOfItem(atPath: lake + "/lake.toml")[.posixPermissions] as? Int
        #expect(mode == 0o600)

        let verified = try shared.medlake(["audit", "verify"], as: alice)
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")

        // Someone with write access to lake.toml (here root) makes carol admin behind the CLI's back, and
        // the service is restarted (it reads the file when it starts).
        let edited = before.replacingOccurrences(
            of: "admin = [\"\(alice)\", \"root\"]", with: "admin = [\"\(alice)\", \"\(carol)\", \"root\"]")
        #expect(edited != before, "\(before)")
        shared.stop()
        try edited.write(toFile: lake + "/lake.toml", atomically: false, encoding: .utf8)
        try shared.start()
        let reported = try shared.medlake(["audit", "verify"], as: alice)
        #expect(reported.status == 1, "\(reported.stdout)\(reported.stderr)")
        #expect(reported.stdout.contains("Role change without its audit event"), "\(reported.stdout)")
        #expect(reported.stdout.contains("admin=\(alice),\(carol),root"), "\(reported.stdout)")

        // Putting the file back clears the report; the change was recorded as config.changed meanwhile.
        shared.stop()
        try before.write(toFile: lake + "/lake.toml", atomically: false, encoding: .utf8)
        try shared.start()
        let restored = try shared.medlake(["audit", "verify"], as: alice)
        #expect(restored.status == 0, "\(restored.stdout)\(restored.stderr)")
    }
}
