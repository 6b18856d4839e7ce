import Foundation
import Testing

@testable import Catalog

/// Legal hold requests, written once in seam SQL, on each engine.
@Suite struct LegalHoldRequestsTests {
    static func hold(_ dataset: Int64, version: Int64? = nil, reason: String, released: Bool = false) -> LegalHold {
        var hold = LegalHold(
            datasetId: dataset, versionId: version, reason: reason, createdBy: "ana", createdAt: CatalogTransaction.testTime)
        if released {
            hold.releasedAt = CatalogTransaction.testTime
            hold.releasedBy = "bo"
            hold.releaseReason = "case closed"
        }
        return hold
    }

    @Test("Holds list newest first, released ones only when asked, optionally of one dataset",
        arguments: CatalogEngine.available)
    func listing(engine: CatalogEngine) throws {
        try engine.withCatalog { store throws in
            let (chest, releasedId) = try store.write { tx throws in
                let chest = try tx.addDataset("chest")
                let brain = try tx.addDataset("brain")
                var releasedId: Int64 = 0
                for (dataset, reason, released) in [(chest, "a", false), (brain, "b", false), (chest, "c", true)] {
                    var hold = Self.hold(dataset, reason: reason, released: released)
                    try tx.insert(&hold)
                    if released { releasedId = try #require(hold.id) }
                }
                return (chest, releasedId)
            }
            try store.read { tx throws in
                #expect(try tx.holds(includeReleased: false).map(\.reason) == ["b", "a"])
                #expect(try tx.holds(includeReleased: true).map(\.reason) == ["c", "b", "a"])
                #expect(try tx.holds(datasetId: chest, includeReleased: false).map(\.reason) == ["a"])
                #expect(try tx.holds(datasetId: chest, includeReleased: true).map(\.reason) == ["c", "a"])
                let released = try #require(try tx.hold(id: releasedId))
                #expect(!released.isActive && released.releaseReason == "case closed")
                #expect(try tx.hold(id: releasedId + 100) == nil)
            }
        }
    }

    @Test("A dataset hold covers its draft and every published version; a version hold its entries, and the draft's files when it is the draft; a released hold covers nothing",
        arguments: CatalogEngine.available)
    func coverage(engine: CatalogEngine) throws {
        try engine.withCatalog { store throws in
            let (objects, holds) = try store.write { tx throws in
                var objects: [String: Int64] = [:]
                for name in ["draftFile", "v1Entry", "v2Entry", "otherDraft", "otherEntry", "loose"] {
                    objects[name] = try tx.addObject(name)
                }
                func object(_ name: String) throws -> Int64 { try #require(objects[name]) }
                let chest = try tx.addDataset("chest")
                let v1 = try tx.addVersion(datasetId: chest, number: 1)
                let v2 = try tx.addVersion(datasetId: chest, number: 2)
                try tx.addFile(dataset: chest, object: try object("draftFile"), path: "a.dcm")
                try tx.publish(versionId: v1, hash: "h1", entries: [(try object("v1Entry"), "a")])
                try tx.publish(versionId: v2, hash: "h2", entries: [(try object("v2Entry"), "a")])
                let brain = try tx.addDataset("brain")
                let brainPublished = try tx.addVersion(datasetId: brain, number: 1)
                let brainDraft = try tx.addVersion(datasetId: brain, number: 2, state: .draft)
                try tx.addFile(dataset: brain, object: try object("otherDraft"), path: "b.dcm")
                try tx.publish(versionId: brainPublished, hash: "h3", entries: [(try object("otherEntry"), "b")])
                var holds: [String: Int64] = [:]
                for (label, hold) in [
                    ("dataset", Self.hold(chest, reason: "dataset")),
                    ("version", Self.hold(chest, version: v1, reason: "version")),
                    ("draft", Self.hold(brain, version: brainDraft, reason: "draft")),
                    ("released", Self.hold(brain, version: brainPublished, reason: "released", released: true)),
                ] {
                    var hold = hold
                    try tx.insert(&hold)
                    holds[label] = hold.id
                }
                return (objects, holds)
            }
            let held = try store.read { tx in try tx.legallyHeldObjects() }
            func holdIds(_ labels: String...) throws -> Set<Int64> { Set(try labels.map { try #require(holds[$0]) }) }
            func heldBy(_ object: String) throws -> Set<Int64>? { held[try #require(objects[object])] }
            #expect(try heldBy("draftFile") == holdIds("dataset"))
            #expect(try heldBy("v1Entry") == holdIds("dataset", "version"))
            #expect(try heldBy("v2Entry") == holdIds("dataset"))
            #expect(try heldBy("otherDraft") == holdIds("draft"))
            #expect(try heldBy("otherEntry") == nil)
            #expect(try heldBy("loose") == nil)
            #expect(held.count == 4)
        }
    }
}
