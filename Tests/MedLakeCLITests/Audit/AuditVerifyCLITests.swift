import Catalog
import Foundation
import TestSupport
import Testing

/// `medlake audit verify` against a catalog edited behind the engine's back with plain SQL.
@Suite struct AuditVerifyCLITests {
    @Test func editedRowMakesVerifyFailNamingIt() throws {
        let base = NSTemporaryDirectory() + "tamper-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: base) }
        let lake = base + "/lake"
        try FileManager.default.createDirectory(atPath: base + "/in", withIntermediateDirectories: true)
        try Data("bytes".utf8).write(to: URL(fileURLWithPath: base + "/in/a.bin"))
        #expect(try MedLakeProcess.run(["init", lake]).status == 0)
        #expect(try MedLakeProcess.run(["ingest", base + "/in", "--dataset", "d", "--keep-unknown", "--lake", lake]).status == 0)
        for note in ["one", "two"] {
            #expect(try MedLakeProcess.run(["flags", "add", "d", "needs-review", "--note", note, "--lake", lake]).status == 0)
        }
        let intact = try MedLakeProcess.run(["audit", "verify", "--lake", lake])
        #expect(intact.status == 0)
        #expect(intact.stdout.contains("intact: 5 events"))

        try TestLakeCatalogs.store(forLake: lake).tamperWithAudit(
            [("UPDATE auditEvent SET details = replace(details, 'one', 'uno') WHERE seq = 4", [])])
        let broken = try MedLakeProcess.run(["audit", "verify", "--lake", lake])
        #expect(broken.status == 1)
        #expect(broken.stdout.contains("BROKEN at event 4"))
        let json = try MedLakeProcess.run(["audit", "verify", "--json", "--lake", lake])
        #expect(json.status == 1)
        #expect(json.stdout.contains("\"seq\" : 4"))
    }
}
