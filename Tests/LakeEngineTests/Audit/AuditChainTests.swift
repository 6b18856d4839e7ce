import Catalog
import Foundation
import Storage
import Testing

@testable import LakeEngine

/// Tampering is done the way an attacker with file access would: drop the append-only triggers, then
/// edit rows with SQL.
@Suite struct AuditChainTests {
    let lake: TemporaryLake

    init() throws {
        lake = try TemporaryLake.withFlaggedDataset(flags: 3)
    }

    @Test func intactChainVerifies() throws {
        let result = try lake.owner.verifyAudit()
        #expect(result.isIntact)
        #expect(result.eventCount == 6)
        let events = try lake.owner.auditEvents()
        #expect(events.map(\.seq) == [1, 2, 3, 4, 5, 6])
        #expect(result.headHash == events.last?.hash)
    }

    @Test func alteredRowIsNamed() throws {
        try lake.tamperWithAudit("UPDATE auditEvent SET actor = 'mallory' WHERE seq = 4")
        let result = try lake.owner.verifyAudit()
        #expect(result.firstBad?.seq == 4)
        #expect(result.firstBad?.reason.contains("altered") == true)
        #expect(result.eventCount == 3)
    }

    @Test func deletedRowIsNamed() throws {
        try lake.tamperWithAudit("DELETE FROM auditEvent WHERE seq = 3")
        #expect(try lake.owner.verifyAudit().firstBad?.seq == 4)
    }

    @Test func reorderedRowsAreNamed() throws {
        try lake.tamperWithAudit(
            "UPDATE auditEvent SET seq = 100 WHERE seq = 4", "UPDATE auditEvent SET seq = 4 WHERE seq = 5",
            "UPDATE auditEvent SET seq = 5 WHERE seq = 100")
        #expect(try lake.owner.verifyAudit().firstBad?.seq == 4)
    }

    @Test func rehashedRowIsNamed() throws {
        // Recomputing one row's hash without the audit key gives a hash the key does not make.
        let events = try lake.owner.auditEvents()
        var forged = try #require(events.first { $0.seq == 2 })
        forged.actor = "mallory"
        forged.hash = ContentHasher.digest(of: forged.canonicalEncoding).hex
        try lake.tamperWithAudit("UPDATE auditEvent SET actor = 'mallory', hash = '\(forged.hash)' WHERE seq = 2")
        let result = try lake.owner.verifyAudit()
        #expect(result.firstBad?.seq == 2)
        #expect(result.firstBad?.reason.contains("audit key") == true)
    }

    @Test func filtersByActorActionAndTime() throws {
        #expect(try lake.owner.auditEvents(AuditFilter(actor: "alice")).count == 6)
        #expect(try lake.owner.auditEvents(AuditFilter(actor: "bob")).isEmpty)
        #expect(try lake.owner.auditEvents(AuditFilter(action: "flag.add")).count == 3)
        #expect(try lake.owner.auditEvents(AuditFilter(since: Date().addingTimeInterval(3600))).isEmpty)
        #expect(try lake.owner.auditEvents(AuditFilter(since: Date().addingTimeInterval(-3600))).count == 6)
    }
}
