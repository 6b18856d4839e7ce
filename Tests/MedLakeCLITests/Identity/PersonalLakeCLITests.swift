import Foundation
import Testing

/// Only a personal lake opens in-process. Real Unix users run the real binary: a member of the group a
/// lake gives access to (the old group-shared mode) is refused by every in-process entry point — the
/// commands, the worker, the workbench — and so is the owner; root is refused on another user's
/// personal lake. Each refusal says how to serve the lake and leaves every byte of it as it was.
@Suite(.serialized, .enabled(if: UnixUsers.available, "needs root to create Unix users"))
struct PersonalLakeCLITests {
    /// A folder every test user can reach (0755) with a copy of the binary, an input file, and a lake
    /// its owner made with `medlake init` and ingested one file into.
    private final class OwnedLake {
        let users: UnixUsers
        let base: String
        let binary: String
        var lake: String { base + "/lake" }
        var input: String { base + "/input" }
        var owner: String { users.names[0] }
        var member: String { users.names[1] }

        init() throws {
            users = try UnixUsers(["owner", "member"])
            base = NSTemporaryDirectory() + "personal-" + UUID().uuidString
            binary = base + "/medlake"
            try FileManager.default.createDirectory(atPath: input, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(atPath: lake, withIntermediateDirectories: false)
            try FileManager.default.setAttributes([.ownerAccountName: owner], ofItemAtPath: lake)
            for folder in [base, input] { chmod(folder, 0o755) }
            try Data("scan".utf8).write(to: URL(fileURLWithPath: input + "/scan.bin"))
            chmod(input + "/scan.bin", 0o644)
            try MedLakeProcess.copyBinary(to: binary)
            for arguments in [["init", lake], ["ingest", input, "--dataset", "scans", "--keep-unknown", "--lake", lake]] {
                let made = try MedLakeProcess.run(arguments, as: owner, binary: binary)
                try #require(made.status == 0, "\(arguments): \(made.stderr)")
            }
        }

        deinit { try? FileManager.default.removeItem(atPath: base) }

        /// Every entry's owner and mode, and each file's bytes as a hash (seeded per process, so only for
        /// comparing two states taken by this test).
        func state() throws -> [String: String] {
            var state: [String: String] = [:]
            for path in try FileManager.default.subpathsOfDirectory(atPath: lake) {
                let full = lake + "/" + path
                let attributes = try FileManager.default.attributesOfItem(atPath: full)
                var entry = "\(attributes[.ownerAccountID] ?? "") \(attributes[.posixPermissions] ?? "")"
                if attributes[.type] as? FileAttributeType == .typeRegular {
                    let bytes = try Data(contentsOf: URL(fileURLWithPath: full))
                    var hasher = Hasher()
                    hasher.combine(bytes)
                    entry += " \(bytes.count) \(hasher.finalize())"
                }
                state[path] = entry
            }
            return state
        }

        /// Runs `arguments… --lake LAKE --json` as `user` (the workbench, `browse`, without `--json`: it
        /// prints its failure as a line) and returns its status, the failure's code and its message.
        func refusal(_ arguments: [String], as user: String) throws -> (status: Int32, code: String?, message: String) {
            let json = arguments != ["browse"]
            let result = try MedLakeProcess.run(
                arguments + ["--lake", lake] + (json ? ["--json"] : []), as: user, binary: binary)
            guard json else { return (result.status, "notPersonalLake", result.stderr) }
            let failure = try? JSONDecoder().decode(FailureJSON.self, from: Data(result.stderr.utf8))
            return (result.status, failure?.code, failure?.message ?? result.stderr)
        }
    }

    /// The in-process entry points: queries, writes, the worker and the workbench (which fails before
    /// it takes the terminal, so it needs none).
    private static let entryPoints: [[String]] = [
        ["datasets"], ["ingest", "INPUT", "--dataset", "more", "--keep-unknown"], ["flags", "list"],
        ["audit", "verify"], ["migrate", "start", "scans", "--to", "warm"], ["worker", "--until-idle"],
        ["browse"],
    ]

    @Test func aLakeSharedWithItsGroupIsRefusedInProcessToEveryEntryPoint() throws {
        let owned = try OwnedLake()
        // The lake as the group-shared mode left it: the group may read and write everything.
        try UnixUsers.command("/usr/bin/chgrp", ["-R", owned.users.group, owned.lake])
        try UnixUsers.command("/usr/bin/chmod", ["-R", "g+rwX", owned.lake])
        let before = try owned.state()
        for user in [owned.member, owned.owner] {
            for arguments in Self.entryPoints {
                let command = arguments.map { $0 == "INPUT" ? owned.input : $0 }
                let refusal = try owned.refusal(command, as: user)
                #expect(refusal.status == 1, "\(command) as \(user): \(refusal.message)")
                #expect(refusal.code == "notPersonalLake", "\(command) as \(user): \(refusal.message)")
                #expect(refusal.message.contains("is not a personal lake"), "\(command) as \(user): \(refusal.message)")
                // The member is refused for a file that is not theirs, the owner for the access it gives.
                let reason = user == owned.owner ? "gives access to group or others" : "belongs to user id"
                #expect(refusal.message.contains(reason), "\(command) as \(user): \(refusal.message)")
                #expect(refusal.message.contains("medlake serve --lake \(owned.lake)"), "\(command): \(refusal.message)")
            }
        }
        #expect(try owned.state() == before, "a refused open changed the lake")
    }

    @Test func rootIsRefusedOnAnotherUsersPersonalLake() throws {
        let owned = try OwnedLake()
        let before = try owned.state()
        for arguments in Self.entryPoints {
            let command = arguments.map { $0 == "INPUT" ? owned.input : $0 }
            let refusal = try owned.refusal(command, as: "root")
            #expect(refusal.status == 1, "\(command): \(refusal.message)")
            #expect(refusal.code == "notPersonalLake", "\(command): \(refusal.message)")
            #expect(refusal.message.contains("not to you (user id 0)"), "\(command): \(refusal.message)")
        }
        #expect(try owned.state() == before, "a refused open changed the lake")
        // Its owner still opens it in-process.
        let listed = try MedLakeProcess.run(["datasets", "--lake", owned.lake], as: owned.owner, binary: owned.binary)
        #expect(listed.status == 0 && listed.stdout.contains("scans"), "\(listed.stdout)\(listed.stderr)")
    }

    @Test func initWithAGroupButNoServiceUserIsRefused() throws {
        let folder = NSTemporaryDirectory() + "grouped-" + UUID().uuidString
        let made = try MedLakeProcess.run(["init", folder, "--group", "root"])
        #expect(made.status == 64, "\(made.stderr)")
        #expect(made.stderr.contains("--service-user"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/lake.toml"))
    }
}
