import Foundation
import Testing

/// Failures of commands on a real lake arrive as coded JSON objects under `--json`, and every flag that takes
/// a span or a point in the past reads it with the workbench's parser (`90m`, `1h`, `2d`, dates).
@Suite(.serialized, .enabled(if: UnixUsers.available, "needs root to create Unix users"))
struct LakeFailureAndDurationCLITests {
    /// A personal lake made by root holding a dataset `ct`; `member` and `outsider` are other users holding
    /// no role; the binary is copied where both can run it.
    final class Fixture {
        let users: UnixUsers
        /// Users of another group.
        let others: UnixUsers
        let base: String
        let lake: String
        let binary: String
        var member: String { users.names[0] }
        var outsider: String { others.names[0] }

        init() throws {
            users = try UnixUsers(["member"])
            others = try UnixUsers(["outsider"])
            base = NSTemporaryDirectory() + "cli-failures-" + UUID().uuidString
            lake = base + "/lake"
            binary = base + "/medlake"
            try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: base)
            try MedLakeProcess.copyBinary(to: binary)
            try expectSuccess(["dicom", "generate", "--count", "2", "--output", base + "/input"])
            try expectSuccess(["init", lake])
            try expectSuccess(["ingest", base + "/input", "--dataset", "ct", "--lake", lake])
        }

        deinit { try? FileManager.default.removeItem(atPath: base) }

        func run(_ arguments: [String], as user: String? = nil) throws -> MedLakeProcess.Result {
            try MedLakeProcess.run(arguments + ["--lake", lake], as: user, binary: binary, in: base)
        }

        private func expectSuccess(_ arguments: [String]) throws {
            let result = try MedLakeProcess.run(arguments, binary: binary, in: base)
            guard result.status == 0 else {
                throw CocoaError(.executableLoad, userInfo: [NSLocalizedDescriptionKey: "\(arguments): \(result.stderr)"])
            }
        }
    }

    @Test("Unknown dataset, missing role, another user's lake: each a JSON object with its code, exit status 1")
    func failureKinds() throws {
        let fixture = try Fixture()

        let unknown = try fixture.run(["version", "list", "nosuch", "--json"])
        #expect(unknown.status == 1)
        let notFound = try CommandLineHelpCLITests.error(unknown)
        #expect(notFound.code == "notFound")
        #expect(notFound.kind == "dataset")
        #expect(notFound.id == "nosuch")

        // The owner without a role that flags (root gives up curator and annotator): the engine refuses.
        for role in ["curator", "annotator"] {
            #expect(try fixture.run(["roles", "revoke", "root", role]).status == 0)
        }
        let refused = try fixture.run(["flags", "add", "ct", "needs-review", "--json"])
        #expect(refused.status == 1)
        let notPermitted = try CommandLineHelpCLITests.error(refused)
        #expect(notPermitted.code == "permissionDenied")
        #expect(notPermitted.user == "root")
        #expect(notPermitted.permission == "addFlag")

        // Another user: the lake is not theirs, so it does not open in-process.
        let outside = try fixture.run(["datasets", "--json"], as: fixture.outsider)
        #expect(outside.status == 1)
        let denied = try CommandLineHelpCLITests.error(outside)
        #expect(denied.code == "notPersonalLake")
        #expect(denied.path == fixture.lake)
    }

    struct IdentifiedJSON: Decodable {
        var id: Int64
    }

    struct ReferenceJSON: Decodable {
        var reference: String
    }

    /// The same refusals as `ServiceGovernanceCLITests` checks through the service, on the lake folder: the
    /// `--json` code is the service's stable one, not a bare `failed`.
    @Test("Governance and retention refusals in-process: decisionRefused, policyRefused, conflict, invalidArgument")
    func governanceRefusalCodes() throws {
        let fixture = try Fixture()
        func code(_ arguments: [String]) throws -> String {
            let result = try fixture.run(arguments + ["--json"])
            #expect(result.status == 1, "\(arguments) succeeded")
            return try CommandLineHelpCLITests.error(result).code
        }
        // member holds no role: a grant would give them nothing.
        #expect(try code(["grant", "create", fixture.member, "ct", "--expires", "1h", "--reason", "help"]) == "decisionRefused")

        let held = try fixture.run(["hold", "add", "ct", "--reason", "litigation", "--json"])
        #expect(held.status == 0, "\(held.stderr)")
        let hold = try JSONDecoder().decode(IdentifiedJSON.self, from: Data(held.stdout.utf8))
        #expect(try code(["migrate", "start", "ct", "--to", "archive"]) == "policyRefused")
        let release = ["hold", "release", String(hold.id), "--reason", "settled"]
        #expect(try fixture.run(release).status == 0)
        #expect(try code(release) == "conflict")

        let published = try fixture.run(["version", "publish", "ct", "--json"])
        #expect(published.status == 0, "\(published.stderr)")
        let version = try JSONDecoder().decode(ReferenceJSON.self, from: Data(published.stdout.utf8))
        #expect(try code(["dataset", "deprecate", "ct", "--successor", version.reference, "--reason", "old"]) == "invalidArgument")
    }

    struct EventJSON: Decodable {
        var action: String
    }

    struct GrantJSON: Decodable {
        var expiresAt: Date
        var createdAt: Date
    }

    @Test("audit list --since, grant --expires and worker --lease take spans; nonsense is invalidArgument")
    func durationsEverywhere() throws {
        let fixture = try Fixture()
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601

        // Everything happened moments ago: every span back from now includes it, a future date excludes it.
        for since in ["90m", "1h", "2d", "30s", "2000-01-01", "2000-01-01T04:00"] {
            let listed = try fixture.run(["audit", "list", "--since", since, "--json"])
            #expect(listed.status == 0, "\(since): \(listed.stderr)")
            let events = try decoder.decode([EventJSON].self, from: Data(listed.stdout.utf8))
            #expect(events.contains { $0.action == "ingest" }, "--since \(since)")
        }
        let future = try fixture.run(["audit", "list", "--since", "2099-01-01", "--json"])
        #expect(try decoder.decode([EventJSON].self, from: Data(future.stdout.utf8)).isEmpty)

        // A grant needs a grantee who holds a role in the lake.
        let role = try fixture.run(["roles", "grant", fixture.member, "annotator"])
        #expect(role.status == 0, "\(role.stderr)")
        let granted = try fixture.run(
            ["grant", "create", fixture.member, "ct", "--expires", "90m", "--reason", "review", "--json"])
        #expect(granted.status == 0, "\(granted.stderr)")
        let grant = try decoder.decode(GrantJSON.self, from: Data(granted.stdout.utf8))
        #expect(grant.expiresAt.timeIntervalSince(grant.createdAt) == 5400)

        let worker = try fixture.run(["worker", "--until-idle", "--lease", "2m"])
        #expect(worker.status == 0, "\(worker.stderr)")

        for arguments in [["audit", "list", "--since", "1hh"], ["worker", "--until-idle", "--lease", "2x"],
                          ["grant", "create", fixture.member, "ct", "--expires", "soon", "--reason", "r"]] {
            let refused = try fixture.run(arguments + ["--json"])
            #expect(refused.status == 64 || refused.status == 1, "\(arguments)")
            #expect(try CommandLineHelpCLITests.error(refused).code == "invalidArgument", "\(arguments)")
        }
    }
}
