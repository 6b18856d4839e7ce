import Foundation
import Testing

@testable import Catalog

/// Migration item requests (state changes, placements, the lake service's remote-work hand-outs) on each engine.
@Suite struct MigrationItemRequestsTests {
    @Test(
        "Items move pending, publishing, done; placements switch and source removals are recorded",
        arguments: CatalogEngine.available)
    func stateChanges(engine: CatalogEngine) throws {
        try engine.withCatalog { store throws in
            try store.write { tx throws in
                let jobId = try #require(try MigrationJobRequestsTests.queueJob(tx, objects: 3, size: 10).id)
                let pending = try tx.pendingItems(jobId: jobId)
                #expect(pending.count == 3 && pending.allSatisfy { $0.object?.tier == "hot" })
                #expect(pending.map(\.item.objectId) == pending.compactMap(\.object?.id))
                let ids = pending.compactMap(\.item.id)

                try tx.markPublishing(itemIds: [ids[0], ids[1]])
                #expect(try tx.jobHasUnswitchedItems(jobId: jobId))
                #expect(try tx.publishingItems(jobId: jobId).map(\.itemId) == [ids[0], ids[1]])
                #expect(try tx.pendingItems(jobId: jobId).compactMap(\.item.id) == [ids[2]])
                #expect(
                    try tx.itemTally(jobId: jobId) == MigrationItemTally(done: 0, failed: 0, pending: 3, bytesDone: 0))

                try tx.resetPublishing(itemIds: [ids[1], ids[2]])  // ids[2] is pending: it stays so.
                #expect(try tx.publishingItems(jobId: jobId).map(\.itemId) == [ids[0]])

                let objectIds = pending.map(\.item.objectId)
                try tx.switchPlacements([(ids[0], objectIds[0], false), (ids[1], objectIds[1], true)], to: "cold")
                #expect(!(try tx.jobHasUnswitchedItems(jobId: jobId)))
                #expect(try tx.object(id: objectIds[0])?.tier == "cold" && tx.object(id: objectIds[2])?.tier == "hot")
                #expect(
                    try tx.itemTally(jobId: jobId) == MigrationItemTally(done: 2, failed: 0, pending: 1, bytesDone: 20))
                let left = try tx.itemsWithSourceLeft(jobId: jobId)
                #expect(left.map(\.itemId) == [ids[0]] && left.first?.fromTier == "hot")
                #expect(left.first?.object.id == objectIds[0] && left.first?.object.tier == "cold")

                try tx.markSourceRemoved(itemIds: [ids[0]])
                #expect(try tx.itemsWithSourceLeft(jobId: jobId).isEmpty)
                let done = try #require(try tx.migrationItem(id: ids[0], jobId: jobId))
                #expect(done.item.state == .done && done.item.sourceRemoved && done.object.id == objectIds[0])
                #expect(try tx.migrationItem(id: ids[0], jobId: jobId + 1) == nil)
            }
        }
    }

    @Test(
        "Remote work is handed out pending and publishing items by id, each with its object",
        arguments: CatalogEngine.available)
    func remoteWork(engine: CatalogEngine) throws {
        try engine.withCatalog { store throws in
            try store.write { tx throws in
                let jobId = try #require(try MigrationJobRequestsTests.queueJob(tx, objects: 4, size: 7).id)
                let ids = try tx.pendingItems(jobId: jobId).compactMap(\.item.id)
                try tx.markPublishing(itemIds: [ids[1]])
                let first = try #require(try tx.migrationItem(id: ids[0], jobId: jobId))
                try tx.switchPlacements([(ids[0], first.object.id, true)], to: "cold")

                let firstTwo = try tx.itemsToMove(jobId: jobId, limit: 2)
                #expect(firstTwo.compactMap(\.item.id) == [ids[1], ids[2]])
                #expect(firstTwo.map(\.item.state) == [.publishing, .pending])
                #expect(firstTwo.allSatisfy { $0.object?.id == $0.item.objectId && $0.object?.size == 7 })
                #expect(try tx.itemsToMove(jobId: jobId, limit: 10).compactMap(\.item.id) == [ids[1], ids[2], ids[3]])
                #expect(try tx.itemsToMove(jobId: jobId + 1, limit: 10).isEmpty)

                let item = try #require(try tx.migrationItem(id: ids[3], jobId: jobId))
                #expect(item.item.state == .pending && item.object.id == item.item.objectId && item.item.size == 7)
            }
        }
    }
}
