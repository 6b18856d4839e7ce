import Foundation
@testable import LakeEngine
import TestSupport
import Testing
import TUI
@testable import Workbench

/// An idle workbench writes nothing: reads through a grant are audited once per session, so the audit event
/// a screen's first read writes does not wake the screen into writing another.
@Suite("Idle workbench", .serialized)
@MainActor
struct WorkbenchIdleTests {
    @Test("A user reading through a grant: one dataset.read, then idle ticks write nothing")
    func idleTicksWriteNothing() async throws {
        let owner = try SampleFixture.make("idle-grant")
        let admin = try owner.grant(.annotator, to: "dave")
        _ = try admin.grantAccess(user: "dave", dataset: "scans", scope: .read, lifetime: 3600, reason: "QC")
        let dave = try Lake.open(at: owner.root, as: Identity(user: "dave", uid: 2000))
        func newestSeq() throws -> Int64 {
            try owner.catalog.value(Int64.self, "SELECT MAX(seq) FROM auditEvent") ?? 0
        }

        for screen in [Screen.flags, .datasets, .imaging] {
            let harness = try Harness(lake: dave, screen: screen)
            try await harness.start()
            // The poll notices the first read's audit event and reloads once; that reload writes nothing.
            await harness.tick()
            await harness.tick()
            let settled = try newestSeq()
            for _ in 0..<20 { await harness.tick() }
            #expect(try newestSeq() == settled, "the \(screen) screen wrote while idle")
        }
        let reads = try owner.auditEvents(AuditFilter(action: "dataset.read"))
        #expect(reads.count == 1)
        #expect(reads.first?.actor == "dave")
        #expect(reads.first?.target == "scans")
    }
}
