import Foundation
import Testing

/// `medlake share`: root hands an existing personal lake — with a tier outside its folder holding an
/// object — to a service account, which then serves it with the users' roles and an audited hand-over.
/// Attacks: a user who is not root, a `lake.toml` naming another user's folder as a tier, a symbolic link
/// in the lake to another user's file, and sharing a served lake again; each leaves every byte as it was.
@Suite(.serialized, .enabled(if: UnixUsers.available, "needs root to create Unix users"))
struct ShareCLITests {
    /// A personal lake made and used by its owner, whose `cold` tier lives outside the lake folder.
    private final class OwnedLake {
        let users: UnixUsers
        let base: String
        let binary: String
        let service: String
        var lake: String { base + "/lake" }
        var cold: String { base + "/cold" }
        var input: String { base + "/input" }
        var owner: String { users.names[0] }
        var other: String { users.names[1] }

        init() throws {
            users = try UnixUsers(["owner", "other"])
            service = "mlsvc" + users.group.dropFirst(3)
            base = NSTemporaryDirectory() + "share-" + UUID().uuidString
            binary = base + "/medlake"
            for folder in [input, lake, cold] {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            }
            for folder in [lake, cold] {
                try FileManager.default.setAttributes([.ownerAccountName: owner], ofItemAtPath: folder)
                chmod(folder, 0o700)
            }
            for folder in [base, input] { chmod(folder, 0o755) }
            try Data("scan".utf8).write(to: URL(fileURLWithPath: input + "/scan.bin"))
            chmod(input + "/scan.bin", 0o644)
            try MedLakeProcess.copyBinary(to: binary)
            try run(["init", lake])
            try editConfiguration { $0.replacingOccurrences(of: "path = \"tiers/cold\"", with: "path = \"\(self.cold)\"") }
            try run(["ingest", input, "--dataset", "scans", "--keep-unknown", "--lake", lake])
            try run(["migrate", "start", "scans", "--to", "cold", "--lake", lake])
            try run(["worker", "--until-idle", "--lake", lake])
        }

        deinit {
            try? FileManager.default.removeItem(atPath: base)
            try? UnixUsers.command("/usr/sbin/userdel", [service])
            try? UnixUsers.command("/usr/sbin/groupdel", [service])
        }

        /// Runs `medlake arguments…` as the owner and requires it to succeed.
        func run(_ arguments: [String]) throws {
            let result = try MedLakeProcess.run(arguments, as: owner, binary: binary)
            try #require(result.status == 0, "\(arguments): \(result.stderr)")
        }

        /// Rewrites `lake.toml` as its owner would, keeping its owner and mode.
        func editConfiguration(_ change: @escaping (String) -> String) throws {
            let path = lake + "/lake.toml"
            let text = try String(contentsOfFile: path, encoding: .utf8)
            try change(text).write(toFile: path, atomically: false, encoding: .utf8)
        }

        /// Each of `paths` and every entry under it: owner, mode and size (to compare two states).
        func state(_ folders: [String]) throws -> [String: String] {
            var state: [String: String] = [:]
            for folder in folders {
                var top = stat()
                try #require(lstat(folder, &top) == 0, "\(folder)")
                let inside = top.st_mode & S_IFMT == S_IFDIR ? try FileManager.default.subpathsOfDirectory(atPath: folder) : []
                for path in inside + [""] {
                    let full = path.isEmpty ? folder : folder + "/" + path
                    var info = stat()
                    try #require(lstat(full, &info) == 0, "\(full)")
                    state[full] = "\(info.st_uid) \(String(info.st_mode, radix: 8)) \(info.st_size)"
                }
            }
            return state
        }

        /// `medlake share` as `user` with `--json`: status and the failure's code and message.
        func share(as user: String) throws -> (status: Int32, code: String?, message: String) {
            let result = try MedLakeProcess.run(
                ["share", lake, "--service-user", service, "--json"], as: user, binary: binary)
            let failure = try? JSONDecoder().decode(FailureJSON.self, from: Data(result.stderr.utf8))
            return (result.status, failure?.code, failure?.message ?? result.stderr)
        }
    }

    private struct AuditJSON: Decodable {
        var actor: String
        var action: String
        var details: [String: String]
    }

    @Test func rootHandsAPersonalLakeToAServiceAccountThatServesItWithItsRoles() throws {
        let owned = try OwnedLake()
        let shared = try owned.share(as: "root")
        try #require(shared.status == 0, "\(shared.message)")
        guard let account = getpwnam(owned.service)?.pointee.pw_uid else { Issue.record("no account"); return }

        // Everything of the lake, the outside tier and the object in it included, is the account's alone.
        let after = try owned.state([owned.lake, owned.cold])
        #expect(after.contains { $0.key.hasPrefix(owned.cold + "/") && $0.value.hasSuffix(" 4") }, "the object in cold")
        for (path, entry) in after {
            let fields = entry.split(separator: " ")
            #expect(fields[0] == "\(account)", "\(path) still belongs to \(fields[0])")
            let mode = (UInt32(fields[1], radix: 8) ?? 0) & 0o777
            #expect(mode & 0o077 == (path == owned.lake ? 0o011 : 0), "\(path) has mode \(String(mode, radix: 8))")
        }

        // The owner no longer opens it in-process, and reaches it through the service with their roles.
        let inProcess = try MedLakeProcess.run(["datasets", "--lake", owned.lake, "--json"], as: owned.owner, binary: owned.binary)
        #expect(inProcess.status != 0)
        let server = try LakeServiceProcess.start(lake: owned.lake, binary: owned.binary).process
        defer {
            if server.isRunning { server.terminate() }
            server.waitUntilExit()
        }
        let datasets = try MedLakeProcess.run(["datasets", "--lake", owned.lake, "--json"], as: owned.owner, binary: owned.binary)
        #expect(datasets.status == 0, "\(datasets.stderr)")
        #expect(datasets.stdout.contains("\"scans\""))
        let audit = try MedLakeProcess.run(["audit", "list", "--lake", owned.lake, "--json"], as: owned.owner, binary: owned.binary)
        let events = try JSONDecoder().decode([AuditJSON].self, from: Data(audit.stdout.utf8))
        let handOver = events.first { $0.action == "lake.shared" }
        #expect(handOver?.actor == "root")
        #expect(handOver?.details["previousOwner"] == owned.owner)
        #expect(handOver?.details["serviceAccount"] == owned.service)
        let verified = try MedLakeProcess.run(["audit", "verify", "--lake", owned.lake], as: owned.owner, binary: owned.binary)
        #expect(verified.status == 0, "\(verified.stdout) \(verified.stderr)")

        // Sharing it again is refused as already served, and changes nothing.
        server.terminate()
        server.waitUntilExit()
        let served = try owned.state([owned.lake, owned.cold])
        let again = try owned.share(as: "root")
        #expect(again.status != 0)
        #expect(again.code == "conflict", "\(again.message)")
        #expect(try owned.state([owned.lake, owned.cold]) == served)
    }

    @Test func aUserWhoIsNotRootCannotShareTheirLake() throws {
        let owned = try OwnedLake()
        let before = try owned.state([owned.lake, owned.cold])
        let refused = try owned.share(as: owned.owner)
        #expect(refused.status != 0)
        #expect(refused.message.contains("as root"), "\(refused.message)")
        #expect(try owned.state([owned.lake, owned.cold]) == before)
        #expect(getpwnam(owned.service) == nil)
    }

    @Test func aTierNamingAnotherUsersFolderStopsTheHandOverBeforeAnythingChanges() throws {
        let owned = try OwnedLake()
        // The owner points a tier at a folder of another user's; root must not give it to the service.
        let victim = owned.base + "/victim"
        try FileManager.default.createDirectory(atPath: victim, withIntermediateDirectories: false)
        try Data("private".utf8).write(to: URL(fileURLWithPath: victim + "/notes.txt"))
        for path in [victim, victim + "/notes.txt"] {
            try FileManager.default.setAttributes([.ownerAccountName: owned.other], ofItemAtPath: path)
        }
        try owned.editConfiguration { $0.replacingOccurrences(of: "path = \"tiers/archive\"", with: "path = \"\(victim)\"") }
        let before = try owned.state([owned.lake, owned.cold, victim])
        let refused = try owned.share(as: "root")
        #expect(refused.status != 0)
        #expect(refused.code == "policyRefused", "\(refused.message)")
        #expect(refused.message.contains(victim))
        #expect(try owned.state([owned.lake, owned.cold, victim]) == before)
    }

    @Test func aSymbolicLinkInTheLakeDoesNotHandOverWhatItNames() throws {
        let owned = try OwnedLake()
        let victimFile = owned.base + "/victim.txt"
        try Data("private".utf8).write(to: URL(fileURLWithPath: victimFile))
        try FileManager.default.setAttributes([.ownerAccountName: owned.other], ofItemAtPath: victimFile)
        chmod(victimFile, 0o644)
        let link = try MedLakeProcess.run(["-c", "ln -s \(victimFile) \(owned.lake)/tiers/hot/evil"], as: owned.owner, binary: "/bin/sh")
        try #require(link.status == 0, "\(link.stderr)")
        let victimBefore = try owned.state([victimFile])
        let shared = try owned.share(as: "root")
        #expect(shared.status == 0, "\(shared.message)")
        #expect(try owned.state([victimFile]) == victimBefore)
    }
}
