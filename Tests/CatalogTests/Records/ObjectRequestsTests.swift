import Foundation
import Testing

@testable import Catalog

/// Object requests (ingest's upserts, placements, access times, data-set digests) on each engine.
@Suite struct ObjectRequestsTests {
    static let now = Date(timeIntervalSince1970: 1_780_000_000.5)

    static func hash(_ character: Character) -> String { String(repeating: character, count: 64) }

    @Test("Stored bytes get one row per SHA-256; a deleted object comes back, a live one keeps its tier",
        arguments: CatalogEngine.available)
    func storedObjects(engine: CatalogEngine) throws {
        try engine.withCatalog { store throws in
            try store.write { tx throws in
                let first = try tx.storedObjectId(sha256: Self.hash("a"), size: 10, tier: "hot", at: Self.now)
                #expect(try tx.storedObjectId(sha256: Self.hash("a"), size: 10, tier: "cold", at: Self.now) == first)
                #expect(try tx.object(id: first)?.tier == "hot")
                #expect(try tx.objectId(sha256: Self.hash("a")) == first)
                #expect(try tx.objectId(sha256: Self.hash("b")) == nil)

                var deleted = try #require(try tx.object(id: first))
                deleted.state = .deleted
                try tx.update(deleted)
                let later = Self.now.addingTimeInterval(60)
                #expect(try tx.storedObjectId(sha256: Self.hash("a"), size: 10, tier: "warm", at: later) == first)
                let revived = try #require(try tx.object(sha256: Self.hash("a")))
                #expect(revived.state == .present && revived.tier == "warm" && revived.createdAt == later)

                let other = try tx.objectIdInsertingIfNew(sha256: Self.hash("b"), size: 5, tier: "hot", at: Self.now)
                #expect(other != first)
                #expect(try tx.objectIdInsertingIfNew(sha256: Self.hash("a"), size: 10, tier: "cold", at: Self.now) == first)
                #expect(try tx.object(id: first)?.tier == "warm")
            }
        }
    }

    @Test("Present objects are inserted once, placements are asked in chunks, and hashes listed by tier",
        arguments: CatalogEngine.available)
    func placements(engine: CatalogEngine) throws {
        try engine.withCatalog { store throws in
            try store.write { tx throws in
                let found = (0..<600).map { (sha256: String(format: "%064x", $0), size: Int64($0)) }
                #expect(try tx.insertPresentObjects(found, tier: "hot", at: Self.now) == 600)
                #expect(try tx.insertPresentObjects(Array(found.prefix(10)), tier: "cold", at: Self.now) == 0)
                var gone = try #require(try tx.object(sha256: found[3].sha256))
                gone.state = .deleted
                try tx.update(gone)
                let asked = found.map(\.sha256) + [Self.hash("f")]
                let placed = try tx.placedObjects(sha256s: asked)
                #expect(placed.count == 599)
                #expect(!placed.contains(found[3].sha256) && !placed.contains(Self.hash("f")))
                #expect(try tx.objectHashes(tier: "hot").count == 600)
                #expect(try tx.objectHashes(tier: "cold").isEmpty)
                #expect(try tx.objects().map(\.sha256) == found.map(\.sha256))
                let ids = try [found[5].sha256, found[2].sha256].map { try #require(try tx.objectId(sha256: $0)) }
                #expect(try tx.objects(ids: ids).map(\.sha256) == [found[2].sha256, found[5].sha256])
            }
        }
    }

    @Test("Access times only move forward", arguments: CatalogEngine.available)
    func accesses(engine: CatalogEngine) throws {
        try engine.withCatalog { store throws in
            try store.write { tx throws in
                let id = try tx.storedObjectId(sha256: Self.hash("c"), size: 1, tier: "hot", at: Self.now)
                let later = Self.now.addingTimeInterval(3600)
                try tx.recordAccesses([id: later])
                try tx.recordAccesses([id: Self.now])
                #expect(try tx.object(id: id)?.lastAccess == later)
            }
        }
    }

    @Test("Data-set digests are set once and found through the dataset's files", arguments: CatalogEngine.available)
    func dataSetDigests(engine: CatalogEngine) throws {
        try engine.withCatalog { store throws in
            try store.write { tx throws in
                var dataset = Dataset(name: "pull", zone: "raw", owner: "ana", createdAt: Self.now)
                try tx.insert(&dataset)
                let datasetId = try #require(dataset.id)
                let id = try tx.storedObjectId(sha256: Self.hash("d"), size: 1, tier: "hot", at: Self.now)
                var file = DatasetFile(datasetId: datasetId, objectId: id, path: "d.dcm", format: "DICOM", ingestedAt: Self.now)
                try tx.insert(&file)
                #expect(try tx.objectsWithoutDataSetDigest(datasetId: datasetId, tier: "hot").map(\.id) == [id])
                try tx.setDataSetDigestIfMissing("first", sha256: Self.hash("d"))
                try tx.setDataSetDigestIfMissing("second", sha256: Self.hash("d"))
                #expect(try tx.dataSetDigests(datasetId: datasetId) == ["first"])
                try tx.setDataSetDigest("third", objectId: id)
                #expect(try tx.dataSetDigests(datasetId: datasetId) == ["third"])
                #expect(try tx.objectsWithoutDataSetDigest(datasetId: datasetId, tier: "hot").isEmpty)
                #expect(try tx.datasetNames(holdingObject: Self.hash("d")) == ["pull"])
            }
        }
    }
}
