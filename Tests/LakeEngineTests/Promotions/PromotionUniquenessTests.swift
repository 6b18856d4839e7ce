import Foundation
import Testing

@testable import Catalog
@testable import LakeEngine

/// One promotion per source version and target zone: a second request is refused while the first is
/// pending, approved or executed, and allowed again once it is rejected or was blocked.
@Suite struct PromotionUniquenessTests {
    @Test func aRepeatedRequestIsRefusedNamingTheExistingPromotion() throws {
        let fixture = try GovernanceLake()
        let alice = try fixture.open("alice")
        let first = try alice.requestPromotion("ct@2", to: "curated", select: nil, reason: "")
        #expect(Self.refusal { try alice.requestPromotion("ct@2", to: "curated", select: "modality=CT", reason: "") }
            == .init(existing: first.id, state: .pending))

        _ = try fixture.open("bob").rejectPromotion(id: first.id, comment: "not yet")
        let second = try alice.requestPromotion("ct@2", to: "curated", select: nil, reason: "again")
        #expect(second.state == .pending)
        #expect(try fixture.open("bob").approvePromotion(id: second.id, comment: "ok").state == .executed)
        #expect(Self.refusal { try alice.requestPromotion("ct@2", to: "curated", select: nil, reason: "") }
            == .init(existing: second.id, state: .executed))
        #expect(try alice.versions(dataset: "ct").map(\.number) == [1, 2, 3])
        #expect(try alice.promotions().count == 2)
    }

    @Test func aBlockedRequestDoesNotHoldTheVersion() throws {
        let fixture = try GovernanceLake()
        let alice = try fixture.open("alice")
        _ = try alice.labelDataset("ct", sensitivity: nil, consentScope: "clinical-care")
        let blocked = try alice.requestPromotion("ct@2", to: "curated", select: nil, reason: "")
        #expect(blocked.state == .blocked)
        _ = try alice.labelDataset("ct", sensitivity: nil, consentScope: "research")
        let retried = try alice.requestPromotion("ct@2", to: "curated", select: nil, reason: "")
        #expect(retried.state == .pending)
    }

    @Test func aFailedExecutionIsRejectedBeforeTheVersionIsRequestedAgain() throws {
        let fixture = try GovernanceLake()
        let alice = try fixture.open("alice")
        let first = try alice.requestPromotion("ct@2", to: "curated", select: nil, reason: "")
        // A key of the wrong size is refused, so execution fails after the approval.
        let key = fixture.lake.root + "/keys/deidentification.key"
        try FileManager.default.createDirectory(atPath: fixture.lake.root + "/keys", withIntermediateDirectories: true)
        try Data(repeating: 7, count: 31).write(to: URL(fileURLWithPath: key))
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: key)
        let failed = try fixture.open("bob").approvePromotion(id: first.id, comment: "ok")
        #expect(failed.state == .approved && failed.error != nil)
        #expect(Self.refusal { try alice.requestPromotion("ct@2", to: "curated", select: nil, reason: "") }
            == .init(existing: first.id, state: .approved))
        // Bob approved it and cannot decide twice; carol rejects the failed promotion.
        #expect(throws: GovernanceError.self) { try fixture.open("bob").rejectPromotion(id: first.id, comment: "x") }
        #expect(try fixture.open("carol").rejectPromotion(id: first.id, comment: "key was wrong").state == .rejected)

        try Data(repeating: 7, count: 32).write(to: URL(fileURLWithPath: key))
        let second = try alice.requestPromotion("ct@2", to: "curated", select: nil, reason: "")
        #expect(try fixture.open("bob").approvePromotion(id: second.id, comment: "ok").state == .executed)
        // An executed promotion cannot be rejected.
        #expect(throws: GovernanceError.self) { try fixture.open("carol").rejectPromotion(id: second.id, comment: "x") }
    }

    @Test func theCatalogRefusesASecondLivePromotionWrittenPastTheEngine() throws {
        let fixture = try GovernanceLake()
        let alice = try fixture.open("alice")
        let first = try alice.requestPromotion("ct@2", to: "curated", select: nil, reason: "")
        // The store's own refusal (GRDB's on SQLite, SQLSTATE 23505 on PostgreSQL), as the engine names it.
        let copy = { (state: String) throws in
            do {
                try alice.catalog.execute(
                    """
                    INSERT INTO promotion (datasetId, sourceVersionId, targetZone, requester, state, checks,
                      createdAt, updatedAt)
                    SELECT datasetId, sourceVersionId, targetZone, requester, ?, checks, createdAt, updatedAt
                    FROM promotion WHERE id = ?
                    """,
                    arguments: [state, first.id])
            } catch {
                throw CatalogError.mappingDuplicate(error, table: "promotion")
            }
        }
        let isDuplicate = { (error: any Error) in
            if case CatalogError.duplicate(table: "promotion") = error { return true }
            return false
        }
        #expect(performing: { try copy("pending") }, throws: isDuplicate)
        #expect(performing: { try copy("approved") }, throws: isDuplicate)
        try copy("rejected")
        try copy("blocked")
    }

    // MARK: - Helpers

    struct Refusal: Equatable {
        var existing: Int64
        var state: PromotionState
    }

    /// The existing promotion and state named by the refusal `body` throws, or nil if it did not refuse.
    static func refusal(_ body: () throws -> PromotionSummary) -> Refusal? {
        do {
            _ = try body()
        } catch GovernanceError.alreadyPromoted(_, _, let existing, let state) {
            return Refusal(existing: existing, state: state)
        } catch {
            Issue.record("unexpected error \(error)")
        }
        return nil
    }
}
