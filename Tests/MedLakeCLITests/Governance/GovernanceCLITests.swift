import Foundation
import Testing

/// Promotions, grants and crash safety through the real binary, as real Unix users.
@Suite(.serialized, .enabled(if: UnixUsers.available, "needs root to create Unix users"))
struct GovernanceCLITests {
    /// A served lake (``GroupLake``) where alice is admin, curator and operator, bob curator and dave annotator,
    /// holding a published CT dataset `ct@2` with consent for research and training.
    struct SharedLake {
        let served: GroupLake
        var users: UnixUsers { served.users }
        var base: String { served.base }
        var lake: String { served.lake }
        /// A copy of the binary the three users can reach (the build folder may sit in a private one).
        var binary: String { served.binary }
        var alice: String { users.names[0] }
        var bob: String { users.names[1] }
        var dave: String { users.names[2] }

        init() throws {
            served = try GroupLake("governance", users: ["alice", "bob", "dave"])
            let generated = try MedLakeProcess.run(["dicom", "generate", "--count", "6", "--output", served.input])
            guard generated.status == 0 else { throw CocoaError(.fileWriteUnknown) }
            for name in try FileManager.default.contentsOfDirectory(atPath: served.input) {
                try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: served.input + "/" + name)
            }
            // Roles change through `medlake roles`, each audited (a hand edit would fail `audit verify`).
            try run(["roles", "grant", users.names[1], "curator"], as: users.names[0])
            try run(["roles", "grant", users.names[2], "annotator"], as: users.names[0])
            try run(["roles", "revoke", users.names[0], "annotator"], as: users.names[0])
            try run(["ingest", served.input, "--dataset", "ct"], as: users.names[0])
            try run(["label", "ct", "--consent", "research,ai-training"], as: users.names[0])
            try run(["version", "publish", "ct"], as: users.names[0])
        }

        @discardableResult
        func run(_ arguments: [String], as user: String, environment: [String: String] = [:]) throws -> MedLakeProcess.Result {
            let result = try MedLakeProcess.run(
                arguments + ["--lake", lake], as: user, environment: environment, binary: binary)
            #expect(result.status == 0, "\(arguments) as \(user): \(result.stderr)")
            return result
        }

        func attempt(_ arguments: [String], as user: String, environment: [String: String] = [:]) throws -> MedLakeProcess.Result {
            try MedLakeProcess.run(arguments + ["--lake", lake], as: user, environment: environment, binary: binary)
        }

        func versionCount() throws -> Int {
            let listed = try run(["version", "list", "ct", "--json"], as: alice)
            return try JSONDecoder().decode([VersionJSON].self, from: Data(listed.stdout.utf8)).count
        }

        /// Nothing to do: the served lake goes with the fixture.
        func cleanUp() {}
    }

    struct PromotionJSON: Decodable {
        var id: Int64
        var state: String
        var approvals: Int
        var target: String?
        var error: String?
    }

    struct VersionJSON: Decodable {
        var number: Int
        var state: String
    }

    struct EventJSON: Decodable {
        var actor: String
        var action: String
        var details: [String: String]
    }

    @Test func fourEyesApprovalAsRealUsers() throws {
        let shared = try SharedLake()
        defer { shared.cleanUp() }
        let requested = try shared.run(["promote", "request", "ct@2", "--to", "curated", "--reason", "lab", "--json"], as: shared.alice)
        let promotion = try JSONDecoder().decode(PromotionJSON.self, from: Data(requested.stdout.utf8))
        #expect(promotion.state == "pending")

        let own = try shared.attempt(["promote", "approve", String(promotion.id), "--comment", "mine"], as: shared.alice)
        #expect(own.status != 0)
        #expect(own.stderr.contains("requested promotion \(promotion.id) and cannot decide on it"))
        let annotator = try shared.attempt(["promote", "approve", String(promotion.id), "--comment", "ok"], as: shared.dave)
        #expect(annotator.status != 0)
        #expect(annotator.stderr.contains("\(shared.dave) may not approve promotions"))

        let approved = try shared.run(["promote", "approve", String(promotion.id), "--comment", "checked", "--json"], as: shared.bob)
        let done = try JSONDecoder().decode(PromotionJSON.self, from: Data(approved.stdout.utf8))
        #expect(done.state == "executed", "\(done.error ?? "")")
        #expect(done.target == "ct@3")
        let verified = try shared.run(["manifest", "verify", "ct@3"], as: shared.alice)
        #expect(verified.stdout.contains("6/6 objects ok"))

        let listing = try shared.run(["promote", "list"], as: shared.bob)
        #expect(listing.stdout.contains("all 5 pass"))
        // An annotator without a grant does not see the restricted dataset's promotions.
        let hidden = try shared.run(["promote", "list"], as: shared.dave)
        #expect(!hidden.stdout.contains("ct@2"))

        // `init` made the key: the service account's alone, so bob executed the promotion through the
        // service without ever being able to read it.
        let key = try FileManager.default.attributesOfItem(atPath: shared.lake + "/keys/deidentification.key")
        #expect(key[.posixPermissions] as? Int == 0o600)
        #expect(key[.ownerAccountName] as? String == shared.served.service)
        let folder = try FileManager.default.attributesOfItem(atPath: shared.lake + "/keys")
        #expect((folder[.posixPermissions] as? Int).map { $0 & 0o777 } == 0o700)

        // The curated version lists the dataset in the curated zone.
        let zoned = try shared.run(["datasets", "--zone", "curated"], as: shared.alice)
        #expect(zoned.stdout.contains("ct") && zoned.stdout.contains("raw,curated"))
        let training = try shared.run(["datasets", "--zone", "training"], as: shared.alice)
        #expect(training.stdout.contains("No datasets."))
    }

    @Test func restrictedShowAndFlagsNeedTheRightGrant() throws {
        let shared = try SharedLake()
        defer { shared.cleanUp() }
        let listed = try shared.run(["studies", "ct", "--json"], as: shared.alice)
        struct StudyJSON: Decodable {
            var studyInstanceUID: String
        }
        let study = try #require(
            try JSONDecoder().decode([StudyJSON].self, from: Data(listed.stdout.utf8)).first?.studyInstanceUID)
        let hidden = try shared.attempt(["show", String(study)], as: shared.dave)
        #expect(hidden.status != 0)
        #expect(hidden.stderr.contains("may not read restricted dataset ct"))
        try shared.run(["grant", shared.dave, "ct", "--scope", "read", "--expires", "1h", "--reason", "look"], as: shared.alice)
        let shown = try shared.run(["show", String(study)], as: shared.dave)
        #expect(shown.stdout.contains(String(study)))
        let refused = try shared.attempt(
            ["flags", "add", String(study), "needs-review", "--note", "odd"], as: shared.dave)
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("may not annotate restricted dataset ct"))
        try shared.run(["grant", shared.dave, "ct", "--scope", "annotate", "--expires", "1h", "--reason", "QC"], as: shared.alice)
        try shared.run(["flags", "add", String(study), "needs-review", "--note", "odd"], as: shared.dave)
        let log = try shared.run(["audit", "list", "--action", "flag.add", "--json"], as: shared.alice)
        let added = try JSONDecoder().decode([EventJSON].self, from: Data(log.stdout.utf8))
        #expect(added.last?.actor == shared.dave)
        #expect(added.last?.details["grant"] == "2")
    }

    @Test func grantsAreAuditedAndExpire() throws {
        let shared = try SharedLake()
        defer { shared.cleanUp() }
        let denied = try shared.attempt(["version", "list", "ct"], as: shared.dave)
        #expect(denied.status != 0)
        #expect(denied.stderr.contains("may not read restricted dataset ct"))
        let notAdmin = try shared.attempt(["grant", shared.dave, "ct", "--expires", "1h", "--reason", "self"], as: shared.bob)
        #expect(notAdmin.status != 0)

        try shared.run(["grant", shared.dave, "ct", "--scope", "read", "--expires", "1h", "--reason", "QC"], as: shared.alice)
        try shared.run(["version", "list", "ct"], as: shared.dave)
        try shared.run(["manifest", "export", "ct@2"], as: shared.alice)
        let log = try shared.run(["audit", "list", "--action", "dataset.read", "--json"], as: shared.alice)
        let reads = try JSONDecoder().decode([EventJSON].self, from: Data(log.stdout.utf8))
        #expect(reads.count == 1)
        #expect(reads.first?.actor == shared.dave)
        #expect(reads.first?.details["grant"] == "1")

        try shared.run(["grant", "revoke", "1"], as: shared.alice)
        try shared.run(["grant", shared.dave, "ct", "--expires", "1s", "--reason", "short"], as: shared.alice)
        usleep(1_500_000)
        let expired = try shared.attempt(["version", "list", "ct"], as: shared.dave)
        #expect(expired.status != 0)
        #expect(expired.stderr.contains("grant 2 has expired, was revoked or does not cover it"))
    }

    @Test(arguments: ["promotion.objects-stored", "promotion.before-commit"])
    func aCrashMidExecutionPublishesNothingAndRetrySucceeds(point: String) throws {
        let shared = try SharedLake()
        defer { shared.cleanUp() }
        let requested = try shared.run(["promote", "request", "ct@2", "--to", "curated", "--json"], as: shared.alice)
        let promotion = try JSONDecoder().decode(PromotionJSON.self, from: Data(requested.stdout.utf8))

        // The service executes the approval, so the fault point kills it mid-execution.
        shared.served.stop()
        try shared.served.start(environment: ["MEDLAKE_FAULT_POINT": point])
        let killed = try shared.attempt(["promote", "approve", String(promotion.id), "--comment", "ok"], as: shared.bob)
        #expect(killed.status != 0)
        shared.served.stop()
        try shared.served.start()
        #expect(try shared.versionCount() == 2)
        let listed = try shared.run(["promote", "list", "--json"], as: shared.alice)
        let states = try JSONDecoder().decode([PromotionJSON].self, from: Data(listed.stdout.utf8)).map(\.state)
        #expect(states == ["approved"], "\(listed.stdout)")

        let retried = try shared.run(["promote", "execute", String(promotion.id), "--json"], as: shared.bob)
        let done = try JSONDecoder().decode(PromotionJSON.self, from: Data(retried.stdout.utf8))
        #expect(done.state == "executed")
        #expect(try shared.versionCount() == 3)
        try shared.run(["manifest", "verify", "ct@3"], as: shared.alice)
        try shared.run(["audit", "verify"], as: shared.alice)
    }
}
