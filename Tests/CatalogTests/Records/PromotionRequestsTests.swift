import Foundation
import Testing

@testable import Catalog

/// Promotion and approval requests, written once in seam SQL, on each engine.
@Suite struct PromotionRequestsTests {
    /// A dataset with published versions 1 and 2; returns the dataset's and the versions' ids.
    static func versions(_ tx: CatalogTransaction) throws -> (dataset: Int64, v1: Int64, v2: Int64) {
        let dataset = try tx.addDataset("chest")
        return (
            dataset, try tx.addVersion(datasetId: dataset, number: 1),
            try tx.addVersion(datasetId: dataset, number: 2)
        )
    }

    static func promotion(
        _ dataset: Int64, version: Int64, zone: String = "curated", state: PromotionState, reason: String = "",
        target: Int64? = nil
    ) -> Promotion {
        Promotion(
            datasetId: dataset, sourceVersionId: version, targetZone: zone, selection: "", reason: reason,
            requester: "ana", state: state, checks: "[]", targetVersionId: target, createdAt: CatalogTransaction.testTime,
            updatedAt: CatalogTransaction.testTime)
    }

    @Test("A version and zone are held by their oldest live or executed promotion; states filter the listing",
        arguments: CatalogEngine.available)
    func holdingAndListing(engine: CatalogEngine) throws {
        try engine.withCatalog { store throws in
            let (v1, ids) = try store.write { tx throws in
                let (dataset, v1, v2) = try Self.versions(tx)
                var ids: [String: Int64] = [:]
                for (label, version, zone, state) in [
                    ("rejected", v1, "curated", PromotionState.rejected), ("blocked", v1, "curated", .blocked),
                    ("executed", v1, "curated", .executed), ("pending", v1, "curated", .pending),
                    ("otherZone", v1, "gold", .approved), ("otherVersion", v2, "curated", .pending),
                ] {
                    var promotion = Self.promotion(dataset, version: version, zone: zone, state: state, reason: label)
                    try tx.insert(&promotion)
                    ids[label] = promotion.id
                }
                return (v1, ids)
            }
            try store.read { tx throws in
                #expect(try tx.promotion(versionId: v1, zone: "curated", inStates: PromotionState.holding)?.reason
                    == "executed")
                #expect(try tx.promotion(versionId: v1, zone: "curated", inStates: [.pending, .approved])?.reason
                    == "pending")
                #expect(try tx.promotion(versionId: v1, zone: "curated", inStates: [.approved]) == nil)
                #expect(try tx.promotion(versionId: v1, zone: "curated", inStates: []) == nil)
                #expect(try tx.promotion(versionId: v1, zone: "gold", inStates: [.approved])?.reason == "otherZone")
                #expect(try tx.promotions(state: nil).map(\.reason)
                    == ["otherVersion", "otherZone", "pending", "executed", "blocked", "rejected"])
                #expect(try tx.promotions(state: .pending).map(\.reason) == ["otherVersion", "pending"])
                #expect(try tx.promotions(state: .approved).map(\.state) == [.approved])
                let pendingId = try #require(ids["pending"])
                let pending = try #require(try tx.promotion(id: pendingId))
                #expect(pending.createdAt == CatalogTransaction.testTime && pending.targetVersionId == nil)
                #expect(try tx.sourceReference(of: pending) == "chest@1")
                #expect(try tx.versionReference(id: v1 + 100) == nil)
            }
        }
    }

    @Test("The catalog itself refuses a second live promotion of a version into a zone, the same way on both engines",
        arguments: CatalogEngine.available)
    func oneLivePromotion(engine: CatalogEngine) throws {
        try engine.withCatalog { store throws in
            let (dataset, v1, _) = try store.write { tx in try Self.versions(tx) }
            try store.write { tx throws in
                var first = Self.promotion(dataset, version: v1, state: .pending)
                try tx.insert(&first)
            }
            for state in [PromotionState.pending, .approved] {
                CatalogTransaction.expectDuplicate(in: "promotion") {
                    try store.write { tx throws in
                        var twin = Self.promotion(dataset, version: v1, state: state)
                        try tx.insert(&twin)
                    }
                }
            }
            // Rejected and blocked ones do not hold the version and zone; another zone is another slot.
            try store.write { tx throws in
                for (state, zone) in [(PromotionState.rejected, "curated"), (.blocked, "curated"), (.pending, "gold")] {
                    var other = Self.promotion(dataset, version: v1, zone: zone, state: state)
                    try tx.insert(&other)
                }
            }
            #expect(try store.read { tx in try tx.promotions(state: nil).count } == 4)
        }
    }

    @Test("Each person decides once; only approvals count, each approver once", arguments: CatalogEngine.available)
    func approvals(engine: CatalogEngine) throws {
        try engine.withCatalog { store throws in
            let promotionId = try store.write { tx throws in
                let (dataset, v1, _) = try Self.versions(tx)
                var promotion = Self.promotion(dataset, version: v1, state: .pending)
                try tx.insert(&promotion)
                let id = try #require(promotion.id)
                for (approver, decision) in [("bo", Decision.approve), ("cy", .reject), ("dee", .approve)] {
                    var approval = PromotionApproval(
                        promotionId: id, approver: approver, decision: decision, comment: "by \(approver)",
                        createdAt: CatalogTransaction.testTime)
                    try tx.insert(&approval)
                }
                return id
            }
            CatalogTransaction.expectDuplicate(in: "promotionApproval") {
                try store.write { tx throws in
                    var again = PromotionApproval(
                        promotionId: promotionId, approver: "bo", decision: .reject, comment: "changed my mind",
                        createdAt: CatalogTransaction.testTime)
                    try tx.insert(&again)
                }
            }
            try store.read { tx throws in
                #expect(try tx.approvals(promotionId: promotionId).map(\.approver) == ["bo", "cy", "dee"])
                #expect(try tx.approval(promotionId: promotionId, approver: "cy")?.decision == .reject)
                #expect(try tx.approval(promotionId: promotionId, approver: "bo")?.comment == "by bo")
                #expect(try tx.approval(promotionId: promotionId, approver: "eve") == nil)
                #expect(try tx.approverCount(promotionId: promotionId) == 2)
                #expect(try tx.approverCount(promotionId: promotionId + 1) == 0)
            }
        }
    }
}
