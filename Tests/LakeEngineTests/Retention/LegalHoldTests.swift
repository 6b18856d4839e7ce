import Catalog
import Foundation
import Storage
import Testing

@testable import LakeEngine

@Suite struct LegalHoldTests {
    @Test func heldObjectsSurviveRetentionAndArchiving() async throws {
        let fixture = try GovernanceLake()
        try fixture.appendSettings("""
            [[retention.policies]]
            name = "consent-30d"
            max_days = 30
            """)
        let alice = try fixture.open("alice")
        let hold = try alice.addHold("ct@2", reason: "litigation 2026-17")
        #expect(hold.objects == 6)
        #expect(throws: LakeError.self) { try fixture.open("bob").addHold("ct", reason: "not an admin") }

        let plan = try alice.retentionPlan(now: GovernanceLake.daysFromNow(31))
        #expect(plan.objectCount == 0)
        #expect(plan.held == 6)
        #expect(throws: RetentionError.nothingToDelete) {
            try fixture.open("erin").requestRetentionDeletion(reason: "go", now: GovernanceLake.daysFromNow(31))
        }
        #expect(throws: RetentionError.legallyHeld(objects: 6, holds: [hold.id], toTier: "archive")) {
            try fixture.open("erin").queueMigration("ct", to: "archive")
        }
        // Moves to a tier readable without a restore stay allowed.
        #expect(try fixture.open("erin").queueMigration("ct", to: "warm").objectsTotal == 6)

        // Neither a curator nor the operator who would gain from it can lift the hold.
        #expect(throws: LakeError.self) { try fixture.open("bob").releaseHold(id: hold.id, reason: "in the way") }
        #expect(throws: LakeError.self) { try fixture.open("erin").releaseHold(id: hold.id, reason: "in the way") }
        #expect(try alice.holds().map(\.id) == [hold.id])
        _ = try alice.releaseHold(id: hold.id, reason: "case closed")
        #expect(try alice.holds().isEmpty)
        #expect(try alice.holds(includeReleased: true).map(\.releasedBy) == ["alice"])
        #expect(throws: RetentionError.holdReleased(hold.id)) { try alice.releaseHold(id: hold.id, reason: "again") }
        let actions = try alice.auditEvents(AuditFilter(action: "hold.")).map(\.action)
        #expect(actions == ["hold.add", "hold.release"])
    }

    @Test func holdPlacedAfterTheRequestKeepsTheObjectsAtApproval() async throws {
        let fixture = try GovernanceLake()
        try fixture.appendSettings("""
            [[retention.policies]]
            name = "consent-30d"
            max_days = 30
            """)
        let request = try fixture.open("erin").requestRetentionDeletion(reason: "go", now: GovernanceLake.daysFromNow(31))
        let hold = try fixture.open("alice").addHold("ct", reason: "subpoena")
        let done = try await fixture.open("bob").approveRetentionDeletion(id: request.id, comment: "ok")
        #expect(done.deleted == 0)
        #expect(done.kept == 6)
        #expect(try fixture.open("alice").verifyManifest("ct@2").isIntact)
        #expect(hold.objects == 6)
    }

    @Test func lifecycleLeavesHeldObjectsOutOfArchiveMoves() throws {
        let fixture = try GovernanceLake()
        try fixture.appendSettings("""
            [[lifecycle.rules]]
            name = "archive-all"
            to = "archive"
            """)
        let alice = try fixture.open("alice")
        #expect(try alice.lifecyclePlan().moves.map(\.objects) == [6])
        _ = try alice.addHold("ct", reason: "litigation")
        let plan = try alice.lifecyclePlan()
        #expect(plan.moves.isEmpty)
        #expect(plan.legallyHeld == 6)
        #expect(try fixture.open("erin").applyLifecycle().isEmpty)
    }
}
