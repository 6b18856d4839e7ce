import Foundation
import TestSupport
import Testing

/// Two real Unix users share one served lake through the CLI: roles are enforced per user and the audit
/// log names who did what; the lake's files are its service account's alone.
@Suite(.serialized, .enabled(if: UnixUsers.available, "needs root to create Unix users"))
struct MultiUserCLITests {
    @Test func rolesAreEnforcedAndAuditNamesTheActor() throws {
        let shared = try GroupLake("multiuser", users: ["alice", "bob"])
        let (alice, bob, lake) = (shared.owner, shared.users.names[1], shared.lake)
        try shared.writeInputs(3)
        let attributes = try FileManager.default.attributesOfItem(
            atPath: lake + (TestCatalog.isSQLite ? "/catalog.sqlite" : "/lake.toml"))
        #expect(attributes[.ownerAccountName] as? String == shared.service)
        #expect(attributes[.posixPermissions] as? Int == 0o600)

        // The admin names bob an annotator (a hand edit of lake.toml would be reported by `audit verify`).
        let granted = try shared.medlake(["roles", "grant", bob, "annotator"], as: alice)
        #expect(granted.status == 0, "\(granted.stderr)")

        let refused = try shared.medlake(["ingest", shared.input, "--dataset", "d"], as: bob)
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("\(bob) may not ingest data"))

        let ingested = try shared.medlake(
            ["ingest", shared.input, "--dataset", "d", "--keep-unknown", "--json"], as: alice)
        #expect(ingested.status == 0, "\(ingested.stderr)")
        #expect(ingested.stdout.contains("\"filesAdded\" : 3"))

        // New datasets are restricted: an annotator flags them only with an annotate grant (see
        // GovernanceCLITests), so alice labels this one internal.
        let labelled = try shared.medlake(["label", "d", "--sensitivity", "internal"], as: alice)
        #expect(labelled.status == 0, "\(labelled.stderr)")
        let added = try shared.medlake(
            ["flags", "add", "d", "wrong-label", "--note", "labels swapped", "--json"], as: bob)
        #expect(added.status == 0, "\(added.stderr)")
        let flag = try JSONDecoder().decode(FlagJSON.self, from: Data(added.stdout.utf8))
        #expect(flag.severity == "blocking")
        #expect(flag.author == bob)

        let bobWaive = try shared.medlake(["flags", "waive", String(flag.id), "--reason", "ok"], as: bob)
        #expect(bobWaive.status != 0)
        #expect(bobWaive.stderr.contains("needs role curator"))
        let aliceWaive = try shared.medlake(
            ["flags", "waive", String(flag.id), "--reason", "checked"], as: alice)
        #expect(aliceWaive.status == 0, "\(aliceWaive.stderr)")

        // Bob reads the lake through MEDLAKE_LAKE; his view of the log names each actor.
        let log = try shared.run(["audit", "list", "--json"], as: bob, environment: ["MEDLAKE_LAKE": lake])
        #expect(log.status == 0, "\(log.stderr)")
        let events = try JSONDecoder().decode([EventJSON].self, from: Data(log.stdout.utf8))
        // root made the lake and gave alice her roles; then the two users acted.
        let setup = events.prefix { $0.actor == "root" }
        #expect(setup.map(\.action) == ["lake.init"] + Array(repeating: "config.roles", count: 4))
        let used = events.dropFirst(setup.count)
        // The service audits bob's refused ingest too.
        #expect(used.map(\.action) == [
            "config.roles", "ingest.refused", "dataset.create", "ingest", "dataset.label", "flag.add", "flag.waive",
        ])
        #expect(used.map(\.actor) == [alice, bob, alice, alice, alice, bob, alice])
        #expect(used.map(\.role) == ["admin", "annotator", "operator", "operator", "curator", "annotator", "curator"])
        let byActor = try shared.medlake(["audit", "list", "--actor", bob, "--json"], as: alice)
        #expect(try JSONDecoder().decode([EventJSON].self, from: Data(byActor.stdout.utf8)).count == 2)

        let verified = try shared.medlake(["audit", "verify"], as: bob)
        #expect(verified.status == 0, "\(verified.stderr)")
        #expect(verified.stdout.contains("intact: \(events.count) events"), "\(verified.stdout)")

        // Nothing the lake wrote is readable by others; its socket is open to every user.
        let stranger = try FileManager.default.subpathsOfDirectory(atPath: lake).filter { path in
            guard path != "medlake.sock" else { return false }
            let mode = (try? FileManager.default.attributesOfItem(atPath: lake + "/" + path)[.posixPermissions] as? Int) ?? 0
            return mode & 0o007 != 0
        }
        #expect(stranger.isEmpty, "world-accessible: \(stranger)")
    }

    private struct FlagJSON: Decodable {
        var id: Int64
        var severity: String
        var author: String
    }

    private struct EventJSON: Decodable {
        var actor: String
        var role: String
        var action: String
    }
}
