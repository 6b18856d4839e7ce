import Catalog
import Foundation
import Storage
import TestSupport
import Testing

/// `medlake audit verify` against a keyed log tampered with as an attacker with write access to the
/// catalog (but not to the lake's `keys/`) would: deleting the newest events, truncating and appending,
/// re-chaining the whole log without the audit key, dropping the triggers and editing.
///
/// The tests' own process is root, editing `catalog.sqlite` with SQL; every check runs the real binary.
@Suite struct KeyedAuditCLITests {
    /// A lake with 7 events: lake.init, dataset.create, ingest, then four flags.
    private func makeLake() throws -> (base: String, lake: String) {
        let base = NSTemporaryDirectory() + "keyed-" + UUID().uuidString
        let lake = base + "/lake"
        try FileManager.default.createDirectory(atPath: base + "/in", withIntermediateDirectories: true)
        try Data("bytes".utf8).write(to: URL(fileURLWithPath: base + "/in/a.bin"))
        #expect(try MedLakeProcess.run(["init", lake]).status == 0)
        #expect(try MedLakeProcess.run(
            ["ingest", base + "/in", "--dataset", "d", "--keep-unknown", "--lake", lake]).status == 0)
        for note in ["one", "two", "three", "four"] { try addFlag(note, lake: lake) }
        let intact = try MedLakeProcess.run(["audit", "verify", "--lake", lake])
        #expect(intact.status == 0, "\(intact.stdout)\(intact.stderr)")
        #expect(intact.stdout.contains("intact: 7 events, keyed"))
        return (base, lake)
    }

    private func addFlag(_ note: String, lake: String) throws {
        let added = try MedLakeProcess.run(["flags", "add", "d", "needs-review", "--note", note, "--lake", lake])
        #expect(added.status == 0, "\(added.stderr)")
    }

    /// Runs `sql` on the catalog with the append-only triggers dropped, as an attacker would.
    private func tamper(_ lake: String, _ sql: String) throws {
        try TestLakeCatalogs.store(forLake: lake).tamperWithAudit([(sql, [])])
    }

    /// Changes event 5's actor to mallory and recomputes every hash with `seal`, links included.
    private func rechain(_ lake: String, hash seal: ([UInt8]) -> String) throws {
        let catalog = try TestLakeCatalogs.store(forLake: lake)
        var previous = AuditEvent.genesisHash
        var updates: [(sql: String, arguments: CatalogStore.SQLArguments)] = []
        for var event in try catalog.records(AuditEvent.self, "SELECT * FROM auditEvent ORDER BY seq") {
            if event.seq == 5 { event.actor = "mallory" }
            event.prevHash = previous
            event.hash = seal(event.canonicalEncoding)
            updates.append(
                ("UPDATE auditEvent SET actor = ?, prevHash = ?, hash = ? WHERE seq = ?",
                 [event.actor, event.prevHash, event.hash, event.seq]))
            previous = event.hash
        }
        try catalog.tamperWithAudit(updates)
    }

    private func expectBroken(_ lake: String, at seq: Int64, saying words: String) throws {
        let broken = try MedLakeProcess.run(["audit", "verify", "--lake", lake])
        #expect(broken.status == 1, "\(broken.stdout)\(broken.stderr)")
        #expect(broken.stdout.contains("BROKEN at event \(seq):"), "\(broken.stdout)")
        #expect(broken.stdout.contains(words), "\(broken.stdout)")
        let json = try MedLakeProcess.run(["audit", "verify", "--json", "--lake", lake])
        #expect(json.status == 1)
        #expect(json.stdout.contains("\"seq\" : \(seq)"))
    }

    @Test func deletingTheNewestEventsIsReported() throws {
        let (base, lake) = try makeLake()
        defer { try? FileManager.default.removeItem(atPath: base) }
        try tamper(lake, "DELETE FROM auditEvent WHERE seq >= 6")
        try expectBroken(lake, at: 6, saying: "newest events were deleted")
    }

    @Test func truncatingThenAppendingIsReported() throws {
        let (base, lake) = try makeLake()
        defer { try? FileManager.default.removeItem(atPath: base) }
        try tamper(lake, "DELETE FROM auditEvent WHERE seq >= 5")
        // Legitimate appends after the truncation fill seqs 5…8 again with a valid keyed chain.
        for note in ["five", "six", "seven", "eight"] { try addFlag(note, lake: lake) }
        try expectBroken(lake, at: 7, saying: "truncated and appended to")
    }

    @Test func rechainingWithoutTheKeyIsReported() throws {
        let (base, lake) = try makeLake()
        defer { try? FileManager.default.removeItem(atPath: base) }
        // An unkeyed re-chain (the old rule) of the whole log, one event edited on the way.
        try rechain(lake) { ContentHasher.digest(of: $0).hex }
        try expectBroken(lake, at: 1, saying: "re-chained without the key")
    }

    @Test func rechainingWithAnotherKeyIsReported() throws {
        let (base, lake) = try makeLake()
        defer { try? FileManager.default.removeItem(atPath: base) }
        let guess = KeyedHasher(key: Array(repeating: 0x42, count: 32))
        try rechain(lake) { guess.macHex(of: $0) }
        try expectBroken(lake, at: 1, saying: "re-chained without the key")
    }

    @Test func droppingTriggersAndEditingIsReported() throws {
        let (base, lake) = try makeLake()
        defer { try? FileManager.default.removeItem(atPath: base) }
        try tamper(lake, "UPDATE auditEvent SET details = replace(details, 'two', 'deux') WHERE seq = 5")
        try expectBroken(lake, at: 5, saying: "under the audit key")
    }

    @Test func aGrantInsertedWithSQLIsReported() throws {
        let (base, lake) = try makeLake()
        defer { try? FileManager.default.removeItem(atPath: base) }
        try tamper(lake, """
            INSERT INTO accessGrant (principal, datasetId, scope, expiresAt, grantedBy, reason, createdAt)
            SELECT 'mallory', id, 'approve', '2999-01-01 00:00:00.000', 'root', 'sql', '2026-01-01 00:00:00.000'
            FROM dataset WHERE name = 'd'
            """)
        let verified = try MedLakeProcess.run(["audit", "verify", "--lake", lake])
        #expect(verified.status == 1)
        #expect(verified.stdout.contains("Grant without its audit event"), "\(verified.stdout)")
        #expect(verified.stdout.contains("for mallory) has no grant.create event"), "\(verified.stdout)")
    }

    @Test func keysAreReadableOnlyByTheOwner() throws {
        let (base, lake) = try makeLake()
        defer { try? FileManager.default.removeItem(atPath: base) }
        for name in ["audit.key", "pseudonym.key", "deidentification.key", "audit.head"] {
            let attributes = try FileManager.default.attributesOfItem(atPath: lake + "/keys/" + name)
            #expect((attributes[.posixPermissions] as? Int).map { $0 & 0o077 } == 0, "\(name)")
        }
        let folder = try FileManager.default.attributesOfItem(atPath: lake + "/keys")
        #expect((folder[.posixPermissions] as? Int).map { $0 & 0o7777 } == 0o700)
    }
}
