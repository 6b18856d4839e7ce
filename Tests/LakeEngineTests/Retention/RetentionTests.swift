import Catalog
import Foundation
import Storage
import Testing

@testable import LakeEngine

@Suite struct RetentionTests {
    /// A policy deleting `ct`'s raw objects 30 days after ingest.
    private static let thirtyDays = """
        [[retention.policies]]
        name = "consent-30d"
        zone = "raw"
        max_days = 30
        """

    @Test func planShowsNothingBeforeTheMaximumKeepAndEveryObjectAfterIt() throws {
        let fixture = try GovernanceLake()
        try fixture.appendSettings(Self.thirtyDays)
        let erin = try fixture.open("erin")
        #expect(try erin.retentionPlan().objectCount == 0)
        let later = try erin.retentionPlan(now: GovernanceLake.daysFromNow(31))
        #expect(later.deletions.map(\.rule) == ["consent-30d"])
        #expect(later.deletions.map(\.dataset) == ["ct"])
        #expect(later.objectCount == 6)
        #expect(later.deletions.first?.reason.contains("maximum keep of 30 days from ingest") == true)
        #expect(try erin.retentionStanding(of: "ct").maxDays == 30)
    }

    @Test func requestsArePagedNewestFirstAndFilteredByStateInTheEngine() throws {
        let fixture = try GovernanceLake()
        try fixture.appendSettings(Self.thirtyDays)
        let erin = try fixture.open("erin")
        let first = try erin.requestRetentionDeletion(reason: "one", now: GovernanceLake.daysFromNow(31))
        _ = try fixture.open("bob").rejectRetentionDeletion(id: first.id, comment: "not yet")
        let second = try erin.requestRetentionDeletion(reason: "two", now: GovernanceLake.daysFromNow(31))

        let newest = try erin.retentionRequests(RetentionRequestQuery(page: PageRequest(offset: 0, limit: 1)))
        #expect(newest.items.map(\.id) == [second.id] && newest.total == 2 && newest.nextOffset == 1)
        let older = try erin.retentionRequests(RetentionRequestQuery(page: PageRequest(offset: 1, limit: 1)))
        #expect(older.items.map(\.id) == [first.id] && older.nextOffset == nil)
        let rejected = try erin.retentionRequests(RetentionRequestQuery(state: .rejected))
        #expect(rejected.items.map(\.id) == [first.id] && rejected.total == 1)
    }

    @Test func acquisitionClockCountsFromTheStudyDate() throws {
        let fixture = try GovernanceLake()
        // The synthetic studies were acquired in 2024; ingest was just now.
        try fixture.appendSettings("""
            [[retention.policies]]
            name = "one-year-from-scan"
            max_days = 365
            from = "acquisition"
            """)
        let plan = try fixture.open("erin").retentionPlan()
        #expect(plan.objectCount == 6)
        #expect(plan.deletions.first?.reason.contains("from acquisition") == true)
    }

    @Test func deletionNeedsFourEyesThenLeavesTombstonesThatManifestVerifyReports() async throws {
        let fixture = try GovernanceLake()
        try fixture.appendSettings(Self.thirtyDays)
        let erin = try fixture.open("erin")
        // An annotator cannot queue deletions, and an operator cannot shorten a dataset's keep.
        #expect(throws: LakeError.self) {
            try fixture.open("dave").requestRetentionDeletion(reason: "x", now: GovernanceLake.daysFromNow(31))
        }
        #expect(throws: LakeError.self) {
            try erin.setRetentionOverride(dataset: "ct", minDays: nil, maxDays: 0, reason: "sooner")
        }
        let request = try erin.requestRetentionDeletion(reason: "consent ends", now: GovernanceLake.daysFromNow(31))
        #expect(request.state == .pending)
        #expect(request.pending == 6)

        await #expect(throws: RetentionError.ownRequest(request: request.id, user: "erin")) {
            try await erin.approveRetentionDeletion(id: request.id, comment: "mine")
        }
        await #expect(throws: RetentionError.notApprover(user: "dave", roles: [.curator])) {
            try await fixture.open("dave").approveRetentionDeletion(id: request.id, comment: "ok")
        }
        #expect(try erin.retentionRequest(id: request.id).state == .pending)
        let alice = try fixture.open("alice")
        let hot = try alice.tier(named: "hot")
        let objects = try alice.manifest("ct@2").entries.compactMap { ObjectDigest(hex: $0.sha256) }
        #expect(objects.allSatisfy { hot.contains($0) })

        let done = try await fixture.open("bob").approveRetentionDeletion(id: request.id, comment: "consent ended")
        #expect(done.state == .done, "\(done.error ?? "")")
        #expect(done.deleted == 6)
        #expect(done.objectsLeft == 0)
        #expect(objects.allSatisfy { !hot.contains($0) })

        let verification = try alice.verifyManifest("ct@2")
        #expect(!verification.isIntact)
        #expect(verification.problems.count == 6)
        #expect(verification.problems.allSatisfy { $0.status == .deletedByRetention })
        #expect(verification.problems.allSatisfy {
            $0.location.hasPrefix("deleted by retention policy consent-30d on ") && $0.location.contains("approved by bob")
        })
        // Deleted objects leave the plan and the lifecycle's candidates.
        #expect(try erin.retentionPlan(now: GovernanceLake.daysFromNow(31)).objectCount == 0)
        #expect(try alice.tierOccupancy().first { $0.tier == "hot" }?.objects == 0)
        let actions = try erin.auditEvents(AuditFilter(action: "retention.")).map(\.action)
        #expect(actions == ["retention.request", "retention.approve", "retention.approved", "retention.execute"])
    }

    @Test func rerunFinishesADeletionInterruptedAfterTheCatalogSwitch() async throws {
        let fixture = try GovernanceLake()
        try fixture.appendSettings(Self.thirtyDays)
        let alice = try fixture.open("alice")
        let hot = try alice.tier(named: "hot")
        guard let digest = ObjectDigest(hex: try alice.manifest("ct@2").entries.first?.sha256 ?? "") else {
            Issue.record("no entry")
            return
        }
        let saved = try Data(contentsOf: URL(fileURLWithPath: hot.path(of: digest)))
        let request = try fixture.open("erin").requestRetentionDeletion(reason: "go", now: GovernanceLake.daysFromNow(31))
        _ = try await fixture.open("bob").approveRetentionDeletion(id: request.id, comment: "ok")
        // A process killed after the catalog switch but before removing these bytes leaves this state.
        try saved.write(to: URL(fileURLWithPath: hot.path(of: digest)))
        try alice.catalog.execute(
            "UPDATE retentionTombstone SET bytesRemoved = FALSE WHERE sha256 = ?", arguments: [digest.hex])
        try alice.catalog.execute(
            "UPDATE retentionRequest SET state = 'deleting' WHERE id = ?", arguments: [request.id])
        let interrupted = try alice.retentionRequest(id: request.id)
        #expect(interrupted.state == .deleting)
        #expect(interrupted.objectsLeft == 1)
        // The tombstone is already there: verify says deleted, not missing, even with bytes left behind.
        #expect(try alice.verifyManifest("ct@2").problems.allSatisfy { $0.status == .deletedByRetention })

        let finished = try await fixture.open("erin").executeRetention(id: request.id)
        #expect(finished.state == .done)
        #expect(finished.objectsLeft == 0)
        #expect(!hot.contains(digest))
    }

    @Test func reingestingDeletedBytesBringsTheObjectsBack() async throws {
        let fixture = try GovernanceLake()
        try fixture.appendSettings(Self.thirtyDays)
        let request = try fixture.open("erin").requestRetentionDeletion(reason: "go", now: GovernanceLake.daysFromNow(31))
        _ = try await fixture.open("bob").approveRetentionDeletion(id: request.id, comment: "ok")
        let alice = try fixture.open("alice")
        #expect(try alice.verifyManifest("ct@2").problems.count == 6)

        let again = try alice.ingest([fixture.input], dataset: "ct-again")
        #expect(again.objectsWritten == 6)
        #expect(try alice.verifyManifest("ct@2").isIntact)
        // Counted from the new ingest, the objects are young again.
        #expect(try alice.retentionPlan(now: GovernanceLake.daysFromNow(1)).objectCount == 0)
    }

    @Test func rejectedRequestDeletesNothing() async throws {
        let fixture = try GovernanceLake()
        try fixture.appendSettings(Self.thirtyDays)
        let request = try fixture.open("erin").requestRetentionDeletion(reason: "tidy", now: GovernanceLake.daysFromNow(31))
        let rejected = try fixture.open("bob").rejectRetentionDeletion(id: request.id, comment: "still needed")
        #expect(rejected.state == .rejected)
        await #expect(throws: RetentionError.self) {
            try await fixture.open("carol").approveRetentionDeletion(id: request.id, comment: "ok")
        }
        #expect(try fixture.open("alice").verifyManifest("ct@2").isIntact)
    }

    @Test func minimumKeepWinsOverAnotherDatasetsMaximum() throws {
        let fixture = try GovernanceLake()
        try fixture.appendSettings(Self.thirtyDays)
        let alice = try fixture.open("alice")
        // The same files ingested into a second dataset share their objects with `ct`.
        _ = try alice.ingest([fixture.input], dataset: "ct-copy")
        _ = try alice.setRetentionOverride(dataset: "ct-copy", minDays: 3650, maxDays: nil, reason: "study archive")
        let plan = try alice.retentionPlan(now: GovernanceLake.daysFromNow(31))
        #expect(plan.objectCount == 0)
        #expect(plan.shared == 6)
        #expect(throws: LakeError.self) {
            try fixture.open("bob").setRetentionOverride(dataset: "ct", minDays: 1, maxDays: nil, reason: "mine")
        }
    }
}
