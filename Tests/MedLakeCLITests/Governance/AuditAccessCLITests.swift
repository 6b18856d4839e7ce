import Foundation
import Testing

/// Real Unix users through the CLI: a user who may not read a restricted dataset sees its audit events without
/// their details, grants go only to real users holding a role, and unaddressable dataset names are refused.
@Suite(.serialized, .enabled(if: UnixUsers.available, "needs root to create Unix users"))
struct AuditAccessCLITests {
    private struct EventJSON: Decodable, Equatable {
        var seq: Int64
        var actor: String
        var action: String
        var target: String
        var details: [String: String]

        /// The details as `key=value` words, for searching.
        var detailsText: String { details.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: " ") }
    }

    @Test func auditDetailsOfARestrictedDatasetNeedReadAccess() throws {
        let shared = try GroupLake("auditaccess", users: ["alice", "bob", "carol"])
        let (alice, bob, carol) = (shared.owner, shared.users.names[1], shared.users.names[2])
        try shared.writeInputs(1)
        func events(as user: String) throws -> [EventJSON] {
            let listed = try shared.medlake(["audit", "list", "--json"], as: user)
            #expect(listed.status == 0, "\(listed.stderr)")
            return try JSONDecoder().decode([EventJSON].self, from: Data(listed.stdout.utf8))
        }

        // bob is an annotator; carol is a user of the machine who holds no role.
        #expect(try shared.medlake(["roles", "grant", bob, "annotator"], as: alice).status == 0)

        // New datasets are restricted; alice flags one with a note naming a patient.
        let ingested = try shared.medlake(["ingest", shared.input, "--dataset", "d", "--keep-unknown"], as: alice)
        #expect(ingested.status == 0, "\(ingested.stderr)")
        let flagged = try shared.medlake(["flags", "add", "d", "needs-review", "--note", "John Doe MRN123456"], as: alice)
        #expect(flagged.status == 0, "\(flagged.stderr)")

        let full = try events(as: alice)
        #expect(full.contains { $0.detailsText.contains("John Doe MRN123456") })
        let seen = try events(as: bob)
        #expect(seen.map(\.seq) == full.map(\.seq))
        #expect(seen.map(\.action) == full.map(\.action))
        for event in seen {
            #expect(!event.detailsText.contains("John Doe") && !event.detailsText.contains("MRN123456"))
            #expect(event.target != "d")
        }
        #expect(seen.first { $0.action == "flag.add" }?.detailsText.contains("withheld") == true)
        let table = try shared.medlake(["audit", "list"], as: bob)
        #expect(!table.stdout.contains("MRN123456"))
        #expect(table.stdout.contains("withheld"))
        let verified = try shared.medlake(["audit", "verify"], as: bob)
        #expect(verified.status == 0, "\(verified.stderr)")
        #expect(verified.stdout.contains("intact: \(full.count) events"))

        // Grants go to real accounts that hold a role.
        let nobody = "mlnosuch" + String(UInt32.random(in: 0..<UInt32.max), radix: 36)
        let toNobody = try shared.medlake(["grant", "create", nobody, "d", "--expires", "1h", "--reason", "QC"], as: alice)
        #expect(toNobody.status != 0)
        #expect(toNobody.stderr.contains("no Unix user named \(nobody)"))
        let toCarol = try shared.medlake(["grant", "create", carol, "d", "--expires", "1h", "--reason", "QC"], as: alice)
        #expect(toCarol.status != 0)
        #expect(toCarol.stderr.contains("\(carol) holds no role in this lake"))
        let granted = try shared.medlake(["grant", "create", bob, "d", "--expires", "1h", "--reason", "QC"], as: alice)
        #expect(granted.status == 0, "\(granted.stderr)")

        // With a read grant bob sees the details, and that read is audited once.
        let withGrant = try events(as: bob)
        #expect(withGrant.contains { $0.detailsText.contains("John Doe MRN123456") })
        let reads = try events(as: alice).filter { $0.action == "dataset.read" }
        #expect(reads.map(\.actor) == [bob])
    }

    @Test func unaddressableDatasetNamesAreRefusedByIngest() throws {
        let base = NSTemporaryDirectory() + "names-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: base) }
        try FileManager.default.createDirectory(atPath: base + "/input", withIntermediateDirectories: true)
        try Data("scan".utf8).write(to: URL(fileURLWithPath: base + "/input/f.bin"))
        #expect(try MedLakeProcess.run(["init", base + "/lake"]).status == 0)
        for name in ["at@1", ".", "..", "rtl\u{202E}name", "  "] {
            let refused = try MedLakeProcess.run(
                ["ingest", base + "/input", "--dataset", name, "--keep-unknown", "--lake", base + "/lake"])
            #expect(refused.status != 0, "\(name.debugDescription) was accepted")
            #expect(refused.stderr.contains("invalid dataset name"), "\(refused.stderr)")
            #expect(!refused.stderr.unicodeScalars.contains("\u{202E}"))
        }
        let datasets = try MedLakeProcess.run(["datasets", "--json", "--lake", base + "/lake"])
        let listed = try JSONSerialization.jsonObject(with: Data(datasets.stdout.utf8)) as? [Any]
        #expect(listed?.isEmpty == true, "\(datasets.stdout)")
    }
}
