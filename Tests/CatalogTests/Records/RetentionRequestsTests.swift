import Foundation
import Testing

@testable import Catalog

/// Deletion request, tombstone and override requests, written once in seam SQL, on each engine.
@Suite struct RetentionRequestsTests {
    static func request(_ state: RetentionRequest.State, reason: String) -> RetentionRequest {
        RetentionRequest(requester: "ana", reason: reason, state: state, createdAt: CatalogTransaction.testTime)
    }

    @Test("A deletion request lists its items and bytes; only pending items of pending requests are waiting",
        arguments: CatalogEngine.available)
    func requestsAndItems(engine: CatalogEngine) throws {
        try engine.withCatalog { store throws in
            let (pendingId, doneId, objects) = try store.write { tx throws in
                // Sizes past 32 bits, so a sum narrowed anywhere would show.
                let objects = try [5_000_000_000, 7, 11, 13].enumerated().map { index, size in
                    try tx.addObject("o\(index)", size: Int64(size))
                }
                var pending = Self.request(.pending, reason: "expired")
                try tx.insert(&pending)
                var done = Self.request(.done, reason: "old")
                try tx.insert(&done)
                let pendingId = try #require(pending.id)
                let doneId = try #require(done.id)
                // Inserted out of object order: the items come back by object.
                for (request, object, state) in [
                    (pendingId, objects[1], RetentionItem.State.pending), (pendingId, objects[0], .pending),
                    (pendingId, objects[2], .kept), (doneId, objects[3], .pending),
                ] {
                    var item = RetentionItem(requestId: request, objectId: object, rule: "raw:30d", datasets: "chest", state: state)
                    try tx.insert(&item)
                }
                return (pendingId, doneId, objects)
            }
            CatalogTransaction.expectDuplicate(in: "retentionItem") {
                try store.write { tx throws in
                    var twin = RetentionItem(requestId: pendingId, objectId: objects[0], rule: "r", datasets: "", state: .pending)
                    try tx.insert(&twin)
                }
            }
            try store.read { tx throws in
                #expect(try tx.retentionRequests(state: nil).map(\.reason) == ["old", "expired"])
                #expect(try tx.retentionRequests(state: .pending).map(\.id) == [pendingId])
                #expect(try tx.retentionRequests(state: .rejected).isEmpty)
                #expect(try tx.retentionRequest(id: doneId)?.state == .done)
                #expect(try tx.retentionRequest(id: doneId + 100) == nil)
                #expect(try tx.retentionItems(requestId: pendingId).map(\.objectId) == Array(objects[0...2]))
                #expect(try tx.retentionBytes(requestId: pendingId) == 5_000_000_018)
                #expect(try tx.retentionBytes(requestId: doneId + 100) == 0)
                #expect(try tx.objectIdsInPendingDeletions() == [objects[0], objects[1]])
            }
        }
    }

    @Test("Decisions are listed oldest first, approvals alone when asked; a person decides once",
        arguments: CatalogEngine.available)
    func decisions(engine: CatalogEngine) throws {
        try engine.withCatalog { store throws in
            let requestId = try store.write { tx throws in
                var request = Self.request(.pending, reason: "expired")
                try tx.insert(&request)
                let id = try #require(request.id)
                for (approver, decision) in [("bo", Decision.approve), ("cy", .reject), ("dee", .approve)] {
                    var approval = RetentionApproval(
                        requestId: id, approver: approver, decision: decision, comment: "", grantId: nil,
                        createdAt: CatalogTransaction.testTime)
                    try tx.insert(&approval)
                }
                return id
            }
            CatalogTransaction.expectDuplicate(in: "retentionApproval") {
                try store.write { tx throws in
                    var again = RetentionApproval(
                        requestId: requestId, approver: "cy", decision: .approve, comment: "", grantId: nil,
                        createdAt: CatalogTransaction.testTime)
                    try tx.insert(&again)
                }
            }
            try store.read { tx throws in
                #expect(try tx.retentionDecisions(requestId: requestId).map(\.approver) == ["bo", "cy", "dee"])
                #expect(try tx.retentionDecisions(requestId: requestId, approvalsOnly: true).map(\.approver) == ["bo", "dee"])
                #expect(try tx.retentionDecision(requestId: requestId, approver: "cy")?.decision == .reject)
                #expect(try tx.retentionDecision(requestId: requestId, approver: "eve") == nil)
            }
        }
    }

    @Test("Entombing marks the object deleted and keeps only its latest tombstone; removed bytes leave the count",
        arguments: CatalogEngine.available)
    func tombstones(engine: CatalogEngine) throws {
        try engine.withCatalog { store throws in
            let (first, second, objects) = try store.write { tx throws in
                let objects = [
                    try tx.addObject("aaa", tier: "hot"), try tx.addObject("bbb", tier: "cold"),
                ]
                var first = Self.request(.deleting, reason: "first")
                try tx.insert(&first)
                var second = Self.request(.deleting, reason: "second")
                try tx.insert(&second)
                return (try #require(first.id), try #require(second.id), objects)
            }
            func tombstone(_ object: Int64, _ sha256: String, request: Int64) -> RetentionTombstone {
                RetentionTombstone(
                    objectId: object, sha256: sha256, requestId: request, rule: "raw:30d", requestedBy: "ana",
                    approvers: "bo,cy", deletedAt: CatalogTransaction.testTime)
            }
            try store.write { tx throws in
                var a = tombstone(objects[0], "aaa", request: first)
                try tx.entomb(&a)
                #expect(a.id != nil && a.bytesRemoved == false)
                var b = tombstone(objects[1], "bbb", request: first)
                try tx.entomb(&b)
            }
            try store.read { tx throws in
                #expect(try tx.object(id: objects[0])?.state == .deleted)
                #expect(try tx.tombstonesLeft(requestId: first) == 2)
                #expect(try tx.tombstonesLeftWithTiers(requestId: first).map(\.tier) == ["hot", "cold"])
                #expect(try tx.tombstonesLeftWithTiers(requestId: first).map(\.sha256) == ["aaa", "bbb"])
            }
            try store.write { tx throws in
                let left = try tx.tombstonesLeftWithTiers(requestId: first)
                try tx.markBytesRemoved(tombstoneIds: [try #require(left.first).id])
                // The object came back and a second request deleted it again.
                var again = tombstone(objects[1], "bbb", request: second)
                try tx.entomb(&again)
            }
            try store.read { tx throws in
                #expect(try tx.tombstonesLeft(requestId: first) == 0)
                #expect(try tx.tombstonesLeft(requestId: second) == 1)
                #expect(try tx.tombstonesLeftWithTiers(requestId: second).map(\.sha256) == ["bbb"])
                #expect(try tx.tombstone(sha256: "aaa")?.bytesRemoved == true)
                #expect(try tx.tombstone(sha256: "bbb")?.requestId == second)
                #expect(try tx.tombstone(sha256: "ccc") == nil)
            }
        }
    }

    @Test("A dataset has one retention override; setting it replaces the one it had", arguments: CatalogEngine.available)
    func overrides(engine: CatalogEngine) throws {
        try engine.withCatalog { store throws in
            let dataset = try store.write { tx in try tx.addDataset("chest") }
            for (minDays, maxDays, reason) in [(30.5, nil, "study"), (nil, 90.0, "audit")] as [(Double?, Double?, String)] {
                try store.write { tx throws in
                    var record = RetentionOverride(
                        datasetId: dataset, minDays: minDays, maxDays: maxDays, reason: reason, setBy: "ana",
                        setAt: CatalogTransaction.testTime)
                    try tx.replaceRetentionOverride(&record)
                    #expect(record.id != nil)
                }
            }
            try store.read { tx throws in
                let current = try #require(try tx.retentionOverride(datasetId: dataset))
                #expect(current.reason == "audit" && current.minDays == nil && current.maxDays == 90)
                #expect(try tx.retentionOverride(datasetId: dataset + 1) == nil)
            }
        }
    }
}
