import Foundation
import Testing

/// Roles change only through `medlake roles`, by an admin, each change audited; a curator cannot make
/// themselves admin, and an edit of `lake.toml` behind the CLI's back is reported by `audit verify`.
/// Real Unix users run the real binary.
@Suite(.serialized, .enabled(if: UnixUsers.available, "needs root to create Unix users"))
struct RoleChangeCLITests {
    @Test func onlyAnAdminChangesRolesAndHandEditsAreReported() throws {
        let users = try UnixUsers(["alice", "carol"])
        let alice = users.names[0]
        let carol = users.names[1]
        let base = NSTemporaryDirectory() + "roles-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: base)
        defer { try? FileManager.default.removeItem(atPath: base) }
        let binary = base + "/medlake"
        try MedLakeProcess.copyBinary(to: binary)
        func medlake(_ arguments: [String], as user: String) throws -> MedLakeProcess.Result {
            try MedLakeProcess.run(arguments, as: user, binary: binary)
        }
        let lake = base + "/lake"
        try FileManager.default.createDirectory(atPath: lake, withIntermediateDirectories: false)
        try FileManager.default.setAttributes([.ownerAccountName: alice], ofItemAtPath: lake)
        #expect(try medlake(["init", lake, "--group", users.group], as: alice).status == 0)

        let granted = try medlake(["roles", "grant", carol, "curator", "--lake", lake], as: alice)
        #expect(granted.status == 0, "\(granted.stderr)")
        #expect(granted.stdout.contains("now holds curator"))

        // The curator tries to make herself admin through the CLI: refused, and lake.toml is unchanged.
        let before = try String(contentsOfFile: lake + "/lake.toml", encoding: .utf8)
        let selfPromotion = try medlake(["roles", "grant", carol, "admin", "--lake", lake], as: carol)
        #expect(selfPromotion.status != 0)
        #expect(selfPromotion.stderr.contains("\(carol) may not"), "\(selfPromotion.stderr)")
        #expect(try String(contentsOfFile: lake + "/lake.toml", encoding: .utf8) == before)
        // Nor can she write the file herself: it is the owner's, read-only to the group.
        let mode = try FileManager.default.attributesOfItem(atPath: lake + "/lake.toml")[.posixPermissions] as? Int
        #expect(mode.map { $0 & 0o022 } == 0)

        let verified = try medlake(["audit", "verify", "--lake", lake], as: alice)
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")

        // Someone with write access to lake.toml (here root) makes carol admin behind the CLI's back.
        let edited = before.replacingOccurrences(of: "admin = [\"\(alice)\"]", with: "admin = [\"\(alice)\", \"\(carol)\"]")
        #expect(edited != before)
        try edited.write(toFile: lake + "/lake.toml", atomically: false, encoding: .utf8)
        let reported = try medlake(["audit", "verify", "--lake", lake], as: alice)
        #expect(reported.status == 1, "\(reported.stdout)\(reported.stderr)")
        #expect(reported.stdout.contains("Role change without its audit event (event 2)"), "\(reported.stdout)")
        #expect(reported.stdout.contains("admin=\(alice),\(carol)"), "\(reported.stdout)")

        // Putting the file back clears the report; the change was recorded as config.changed meanwhile.
        try before.write(toFile: lake + "/lake.toml", atomically: false, encoding: .utf8)
        let restored = try medlake(["audit", "verify", "--lake", lake], as: alice)
        #expect(restored.status == 0, "\(restored.stdout)\(restored.stderr)")
    }
}
