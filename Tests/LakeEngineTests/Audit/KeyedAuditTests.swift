import Catalog
import Foundation
import Storage
import Testing

@testable import LakeEngine

/// The keyed audit log beyond the chain itself: the switch-over of a lake made before keyed audit, the
/// head checkpoint, and grants and roles that lack their events.
@Suite struct KeyedAuditTests {
    let lake: TemporaryLake

    init() throws {
        lake = try TemporaryLake.withFlaggedDataset(flags: 2)
    }

    /// Turns the lake into one made before keyed audit: no audit or pseudonym key, no checkpoint, and a
    /// log chained with plain SHA-256 (as the older version wrote it).
    private func makeUnkeyed() throws {
        for name in ["audit.key", "pseudonym.key", "audit.head"] {
            try FileManager.default.removeItem(atPath: lake.root + "/keys/" + name)
        }
        var previous = AuditEvent.genesisHash
        for var event in try lake.owner.catalog.records(AuditEvent.self, "SELECT * FROM auditEvent ORDER BY seq") {
            event.prevHash = previous
            event.hash = ContentHasher.digest(of: event.canonicalEncoding).hex
            try lake.tamperWithAudit(
                "UPDATE auditEvent SET prevHash = '\(event.prevHash)', hash = '\(event.hash)' WHERE seq = \(event.seq)")
            previous = event.hash
        }
    }

    @Test func aNewLakeIsKeyedFromItsFirstEvent() throws {
        let result = try lake.owner.verifyAudit()
        #expect(result.isIntact)
        #expect(result.keyedFrom == 1)
        #expect(result.checkpointSeq == 5)
        let first = try #require(try lake.owner.auditEvents().first)
        #expect(first.action == "lake.init")
        #expect(first.hash != ContentHasher.digest(of: first.canonicalEncoding).hex)
    }

    @Test func anOlderLakeSwitchesOverAndKeepsItsOldEventsVerifiable() throws {
        try makeUnkeyed()
        let opened = try lake.open(as: "alice")
        let events = try opened.auditEvents()
        let switchOver = try #require(events.last)
        #expect(switchOver.action == "audit.keyed")
        #expect(switchOver.seq == 6)
        #expect(switchOver.detailValues["unkeyedEvents"] == "5")
        let result = try opened.verifyAudit()
        #expect(result.isIntact, "\(result)")
        #expect(result.keyedFrom == 6)
        // An old event is still checked by the old rule.
        try lake.tamperWithAudit("UPDATE auditEvent SET actor = 'mallory' WHERE seq = 3")
        #expect(try opened.verifyAudit().firstBad?.seq == 3)
    }

    @Test func anUnkeyedLogNotBeginningWithInitIsNamed() throws {
        try makeUnkeyed()
        try lake.tamperWithAudit("DELETE FROM auditEvent")
        try lake.tamperWithAudit("""
            INSERT INTO auditEvent (seq, time, actor, role, action, target, details, prevHash, hash)
            VALUES (1, 0, 'mallory', 'admin', 'config.roles', 'mallory', '{}', '\(AuditEvent.genesisHash)', 'x')
            """)
        var event = try #require(
            try lake.owner.catalog.records(AuditEvent.self, "SELECT * FROM auditEvent WHERE seq = 1").first)
        event.hash = ContentHasher.digest(of: event.canonicalEncoding).hex
        try lake.tamperWithAudit("UPDATE auditEvent SET hash = '\(event.hash)' WHERE seq = 1")
        let result = try lake.open(as: "alice").verifyAudit()
        #expect(result.firstBad?.seq == 1)
        #expect(result.firstBad?.reason.contains("does not begin with lake.init") == true)
    }

    @Test func aForgedCheckpointIsReportedAndStopsAppends() throws {
        let path = lake.root + "/keys/audit.head"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try text.replacingOccurrences(of: "seq 5", with: "seq 4").write(toFile: path, atomically: false, encoding: .utf8)
        let opened = try lake.open(as: "alice")
        #expect(try opened.verifyAudit().firstBad?.reason.contains("does not verify") == true)
        #expect(throws: GovernanceError.self) { try opened.addFlag(target: "d1", code: "needs-review", note: "x") }
    }

    @Test func anUnrevokedGrantIsReported() throws {
        try lake.setRoles([.admin: ["alice"], .annotator: ["dave"]])
        let alice = try lake.open(as: "alice")
        let grant = try alice.grantAccess(
            user: "dave", dataset: "d1", scope: .read, lifetime: 3600, reason: "review")
        _ = try alice.revokeGrant(id: try #require(grant.id))
        #expect(try alice.verifyAudit().isIntact)
        try lake.tamperWithAudit("UPDATE accessGrant SET revokedAt = NULL, revokedBy = NULL")
        let result = try alice.verifyAudit()
        #expect(result.unaudited.map(\.kind) == [.grant])
        #expect(result.unaudited.first?.reason.contains("active although event") == true)
    }

    @Test func aHandEditedRoleIsReportedUntilAnAdminRecordsTheRoles() throws {
        let path = lake.root + "/lake.toml"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try text.replacingOccurrences(of: "annotator = [\"alice\"]", with: "annotator = [\"alice\", \"mallory\"]")
            .write(toFile: path, atomically: false, encoding: .utf8)
        let opened = try lake.open(as: "alice")
        let result = try opened.verifyAudit()
        #expect(result.unaudited.map(\.kind) == [.roles])
        #expect(result.unaudited.first?.seq == 1)
        // An admin's next role change records the roles in force, naming what it adopted.
        let granted = try opened.grant(.operator, to: "otto")
        #expect(try granted.verifyAudit().isIntact)
        let event = try #require(try granted.auditEvents(AuditFilter(action: "config.roles")).last)
        #expect(event.detailValues["adoptsUnrecordedRoles"]?.contains("annotator=alice;") == true)
    }
}
