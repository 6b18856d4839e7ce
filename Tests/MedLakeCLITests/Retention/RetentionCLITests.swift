import Foundation
import Testing

/// Retention deletions, legal holds and deprecation through the real binary, as real Unix users.
@Suite(.serialized, .enabled(if: UnixUsers.available, "needs root to create Unix users"))
struct RetentionCLITests {
    /// A served lake (``GroupLake``) where alice is admin, curator and annotator, bob curator and erin operator,
    /// holding a published CT dataset `ct@2` acquired in 2024, and a policy deleting raw data 30 days
    /// after acquisition.
    struct RetentionLake {
        let served: GroupLake
        var users: UnixUsers { served.users }
        var lake: String { served.lake }
        /// A copy of the binary the three users can reach (the build folder may sit in a private one).
        var binary: String { served.binary }
        var alice: String { users.names[0] }
        var bob: String { users.names[1] }
        var erin: String { users.names[2] }

        init() throws {
            served = try GroupLake("retention", users: ["alice", "bob", "erin"])
            // `dicom generate` writes StudyDate 2024-01-01: long past the policy's 30 days.
            let generated = try MedLakeProcess.run(["dicom", "generate", "--count", "6", "--output", served.input])
            guard generated.status == 0 else { throw CocoaError(.fileWriteUnknown) }
            for name in try FileManager.default.contentsOfDirectory(atPath: served.input) {
                try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: served.input + "/" + name)
            }
            let toml = lake + "/lake.toml"
            try run(["roles", "grant", users.names[1], "curator"], as: alice)
            try run(["roles", "grant", users.names[2], "operator"], as: alice)
            try run(["roles", "revoke", alice, "operator"], as: alice)
            // The administrator (root) adds the policy to lake.toml and restarts the service to read it.
            served.stop()
            let text = try String(contentsOfFile: toml, encoding: .utf8)
                + """

                [[retention.policies]]
                name = "consent-30d"
                zone = "raw"
                max_days = 30
                from = "acquisition"

                """
            try text.write(toFile: toml, atomically: false, encoding: .utf8)
            try served.start()
            try run(["ingest", served.input, "--dataset", "ct"], as: alice)
            try run(["label", "ct", "--consent", "research,ai-training"], as: alice)
            try run(["version", "publish", "ct"], as: alice)
        }

        @discardableResult
        func run(_ arguments: [String], as user: String) throws -> MedLakeProcess.Result {
            let result = try MedLakeProcess.run(arguments + ["--lake", lake], as: user, binary: binary)
            #expect(result.status == 0, "\(arguments) as \(user): \(result.stderr)")
            return result
        }

        func attempt(_ arguments: [String], as user: String) throws -> MedLakeProcess.Result {
            try MedLakeProcess.run(arguments + ["--lake", lake], as: user, binary: binary)
        }

        /// Nothing to do: the served lake goes with the fixture.
        func cleanUp() {}
    }

    struct RequestJSON: Decodable {
        var id: Int64
        var state: String
        var pending: Int
        var deleted: Int
        var approvals: Int
    }

    struct PlanJSON: Decodable {
        var held: Int
        var deletions: [Group]

        struct Group: Decodable {
            var rule: String
            var objects: Int
        }
    }

    @Test func holdThenDeletionWithFourEyesLeavesTombstones() throws {
        let shared = try RetentionLake()
        defer { shared.cleanUp() }
        // Only an admin puts or releases a hold.
        let notAdmin = try shared.attempt(["hold", "add", "ct", "--reason", "mine"], as: shared.erin)
        #expect(notAdmin.status != 0)
        let held = try shared.run(["hold", "add", "ct@2", "--reason", "litigation 17"], as: shared.alice)
        #expect(held.stdout.contains("6 object(s) held"))
        let planWhileHeld = try JSONDecoder().decode(
            PlanJSON.self, from: Data(try shared.run(["retention", "plan", "--json"], as: shared.erin).stdout.utf8))
        #expect(planWhileHeld.held == 6)
        #expect(planWhileHeld.deletions.isEmpty)
        let refused = try shared.attempt(["retention", "apply", "--reason", "go"], as: shared.erin)
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("the retention plan is empty"))
        let archive = try shared.attempt(["migrate", "start", "ct", "--to", "archive"], as: shared.erin)
        #expect(archive.status != 0)
        #expect(archive.stderr.contains("under legal hold #1"))
        try shared.run(["hold", "release", "1", "--reason", "case closed"], as: shared.alice)

        let plan = try shared.run(["retention", "plan"], as: shared.erin)
        #expect(plan.stdout.contains("consent-30d"))
        #expect(plan.stdout.contains("maximum keep of 30 days from acquisition has passed"))
        let applied = try shared.run(["retention", "apply", "--reason", "consent ends", "--json"], as: shared.erin)
        let request = try JSONDecoder().decode(RequestJSON.self, from: Data(applied.stdout.utf8))
        #expect(request.state == "pending")
        #expect(request.pending == 6)

        let own = try shared.attempt(["retention", "approve", String(request.id), "--comment", "mine"], as: shared.erin)
        #expect(own.status != 0)
        #expect(own.stderr.contains("requested deletion \(request.id) and cannot decide on it"))
        let intact = try shared.run(["manifest", "verify", "ct@2"], as: shared.alice)
        #expect(intact.stdout.contains("6/6 objects ok"))

        let approved = try shared.run(
            ["retention", "approve", String(request.id), "--comment", "consent ended", "--json"], as: shared.bob)
        let done = try JSONDecoder().decode(RequestJSON.self, from: Data(approved.stdout.utf8))
        #expect(done.state == "done")
        #expect(done.deleted == 6)
        #expect(try FileManager.default.subpathsOfDirectory(atPath: shared.lake + "/tiers/hot").filter {
            !$0.hasPrefix(".") && $0.count > 60
        }.isEmpty)

        let verified = try shared.attempt(["manifest", "verify", "ct@2"], as: shared.alice)
        #expect(verified.status == 1)
        #expect(verified.stdout.contains("deleted-by-retention"))
        #expect(verified.stdout.contains("deleted by retention policy consent-30d on "))
        #expect(verified.stdout.contains("approved by \(shared.bob)"))
        let audit = try shared.run(["audit", "list", "--action", "retention."], as: shared.alice)
        for action in ["retention.request", "retention.approve", "retention.approved", "retention.execute"] {
            #expect(audit.stdout.contains(action))
        }
    }

    @Test func deprecationIsShownAndBlocksPromotionNamingTheSuccessor() throws {
        let shared = try RetentionLake()
        defer { shared.cleanUp() }
        try shared.run(["ingest", shared.served.input, "--dataset", "ct-fixed"], as: shared.alice)
        try shared.run(["version", "publish", "ct-fixed"], as: shared.alice)
        let operatorAttempt = try shared.attempt(
            ["dataset", "deprecate", "ct", "--successor", "ct-fixed@2", "--reason", "no"], as: shared.erin)
        #expect(operatorAttempt.status != 0)
        try shared.run(["dataset", "deprecate", "ct", "--successor", "ct-fixed@2", "--reason", "spacing fixed"], as: shared.bob)

        let listing = try shared.run(["datasets"], as: shared.alice)
        #expect(listing.stdout.contains("deprecated → ct-fixed@2"))
        let promotion = try shared.attempt(["promote", "request", "ct@2", "--to", "curated"], as: shared.alice)
        #expect(promotion.status != 0)
        #expect(promotion.stderr.contains("dataset ct is deprecated (spacing fixed); use its successor ct-fixed@2"))
        let status = try shared.run(["retention", "status", "ct"], as: shared.alice)
        #expect(status.stdout.contains("deprecated: use ct-fixed@2"))
        #expect(status.stdout.contains("delete after 30 days, from acquisition (consent-30d)"))
    }
}
