import Catalog
import Foundation
import Testing

@testable import LakeEngine

/// Checks run again when a promotion is shown or decided, the execution state tells the outcome, refused
/// decisions are audited, and an approved promotion whose execution failed is retried.
@Suite struct PromotionReviewTests {
    @Test func aBlockedRequestIsPutUpForReviewOnceItsFlagIsResolved() throws {
        let fixture = try GovernanceLake()
        let alice = try fixture.open("alice")
        let series = try #require(try alice.series(dataset: "ct").first?.series.seriesInstanceUID)
        let flag = try alice.addFlag(target: series, code: "wrong-laterality", note: "L/R")
        let request = try alice.requestPromotion("ct@2", to: "curated", select: nil, reason: "")
        #expect(request.state == .blocked)
        guard case .blocked(let checks) = request.execution else {
            Issue.record("expected blocked, got \(request.execution)")
            return
        }
        #expect(checks.map(\.code) == ["blocking-flags"])
        #expect(throws: GovernanceError.self) { try fixture.open("bob").approvePromotion(id: request.id, comment: "ok") }

        try alice.resolveFlag(id: try #require(flag.id), note: "laterality checked against the report")
        let shown = try fixture.open("bob").promotion(id: request.id)
        #expect(shown.state == .pending)
        #expect(shown.checks.allSatisfy { $0.passed }, "\(shown.checks)")
        #expect(shown.checks.map(\.code) == ["role", "blocking-flags", "deidentification", "consent", "readable"])
        #expect(shown.execution == .awaitingApproval(approvals: 0, needed: 1))
        let recheck = try alice.auditEvents(AuditFilter(action: "promotion.recheck"))
        #expect(recheck.count == 1)
        #expect(recheck.first?.actor == "bob")
        #expect(recheck.first?.details.contains("\"state\":\"pending\"") == true)

        let done = try fixture.open("bob").approvePromotion(id: request.id, comment: "ok")
        #expect(done.execution == .executed(version: "ct@3"))
    }

    @Test func aFlagRaisedAfterTheRequestBlocksExecutionUntilResolvedThenExecuteRetries() throws {
        let fixture = try GovernanceLake()
        let alice = try fixture.open("alice")
        let request = try alice.requestPromotion("ct@2", to: "curated", select: nil, reason: "")
        #expect(request.execution == .awaitingApproval(approvals: 0, needed: 1))
        let series = try #require(try alice.series(dataset: "ct").first?.series.seriesInstanceUID)
        _ = try alice.grantAccess(user: "dave", dataset: "ct", scope: .annotate, lifetime: 3600, reason: "QC")
        let flag = try fixture.open("dave").addFlag(target: series, code: "burned-in-annotation", note: "text in pixels")

        let shown = try fixture.open("bob").promotion(id: request.id)
        #expect(shown.state == .pending, "a decision already asked for stays open to the reviewers")
        #expect(shown.checks.first { $0.code == "blocking-flags" }?.passed == false)
        guard case .blocked(let blocking) = shown.execution else {
            Issue.record("expected blocked, got \(shown.execution)")
            return
        }
        #expect(blocking.first?.detail.contains("burned-in-annotation") == true)

        // The approval counts; the outcome it returns is the execution's, not "approved".
        let approved = try fixture.open("bob").approvePromotion(id: request.id, comment: "reviewed")
        #expect(approved.state == .approved)
        #expect(approved.target == nil)
        guard case .blocked = approved.execution else {
            Issue.record("expected blocked, got \(approved.execution)")
            return
        }
        #expect(approved.error?.contains("blocking-flags") == true)
        #expect(try alice.versions(dataset: "ct").count == 2)

        try fixture.open("dave").resolveFlag(id: try #require(flag.id), note: "annotation is a ruler only")
        let unblocked = try alice.promotion(id: request.id)
        guard case .failed(let reason) = unblocked.execution else {
            Issue.record("expected failed, got \(unblocked.execution)")
            return
        }
        #expect(reason.contains("blocking-flags"))

        let executed = try alice.executePromotion(id: request.id)
        #expect(executed.execution == .executed(version: "ct@3"))
        #expect(executed.error == nil)
        #expect(executed.checks.map(\.code) == ["role", "blocking-flags", "deidentification", "consent", "readable"])
        let actions = try alice.auditEvents(AuditFilter(action: "promotion")).map(\.action)
        #expect(actions == [
            "promotion.request", "promotion.recheck", "promotion.approve", "promotion.approved",
            "promotion.execute.failed", "promotion.recheck", "promotion.execute.start", "promotion.execute",
        ])
    }

    @Test func refusedDecisionsAndExecutionsAreAuditedWithWhoAndWhy() throws {
        let fixture = try GovernanceLake()
        let alice = try fixture.open("alice")
        let request = try alice.requestPromotion("ct@2", to: "curated", select: nil, reason: "")
        #expect(throws: GovernanceError.self) { try alice.approvePromotion(id: request.id, comment: "mine") }
        #expect(throws: GovernanceError.self) { try fixture.open("dave").approvePromotion(id: request.id, comment: "ok") }
        #expect(throws: LakeError.self) { try fixture.open("erin").executePromotion(id: request.id) }
        #expect(throws: GovernanceError.self) { try alice.executePromotion(id: request.id) }

        let refusals = try alice.auditEvents(AuditFilter(action: "promotion")).filter { $0.action.hasSuffix(".refused") }
        #expect(refusals.map(\.action) == [
            "promotion.approve.refused", "promotion.approve.refused", "promotion.execute.refused",
            "promotion.execute.refused",
        ])
        #expect(refusals.map(\.actor) == ["alice", "dave", "erin", "alice"])
        #expect(refusals.allSatisfy { $0.target == "ct@2" && $0.details.contains("\"promotion\":\"\(request.id)\"") })
        #expect(refusals[0].details.contains("cannot decide on it"), "\(refusals[0].details)")
        #expect(refusals[1].details.contains("may not approve"), "\(refusals[1].details)")
        #expect(refusals[3].details.contains("is pending, not approved"), "\(refusals[3].details)")
        #expect(try alice.promotion(id: request.id).approvals == 0)
    }

    @Test func executionStateEncodesItsStatusAndDetail() throws {
        let states: [PromotionExecution] = [
            .awaitingApproval(approvals: 1, needed: 2), .blocked(by: [PolicyCheck(code: "consent", passed: false, detail: "no")]),
            .ready, .failed(reason: "key unreadable"), .executed(version: "ct@3"), .rejected,
        ]
        for state in states {
            let data = try JSONEncoder().encode(state)
            let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            #expect(object["status"] as? String == state.status)
            #expect(try JSONDecoder().decode(PromotionExecution.self, from: data) == state)
        }
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(PromotionExecution.self, from: Data(#"{"status":"done"}"#.utf8))
        }
    }
}
