import Foundation
import Testing

@testable import Catalog

/// The objects migrations and lifecycle rules may move, and the usage of each tier, on each engine.
@Suite struct MovableObjectTests {
    static let now = Date(timeIntervalSince1970: 1_780_000_000)

    @Test(
        "Movable objects come by version and by dataset, without deleted ones; lifecycle facts per dataset",
        arguments: CatalogEngine.available)
    func movableObjects(engine: CatalogEngine) throws {
        try engine.withCatalog { store throws in
            try store.write { tx throws in
                var datasets: [Dataset] = []
                for (name, zone) in [("ct", "raw"), ("ct-curated", "curated")] {
                    var dataset = Dataset(name: name, zone: zone, owner: "ana", createdAt: Self.now)
                    try tx.insert(&dataset)
                    datasets.append(dataset)
                }
                let ids = try datasets.map { try #require($0.id) }
                var objects: [Int64] = []
                for (index, tier) in ["hot", "cold", "hot"].enumerated() {
                    objects.append(
                        try tx.storedObjectId(
                            sha256: String(repeating: Character(String(index)), count: 64),
                            size: Int64(10 * (index + 1)),
                            tier: tier, at: Self.now))
                }
                for (datasetId, objectIds) in [(ids[0], objects), (ids[1], [objects[0]])] {
                    for objectId in objectIds {
                        _ = try tx.insertIfNew(
                            DatasetFile(
                                datasetId: datasetId, objectId: objectId, path: "f\(objectId)", format: "DICOM",
                                ingestedAt: Self.now))
                    }
                }
                var version = DatasetVersion(
                    datasetId: ids[1], number: 1, state: .published, createdBy: "ana", createdAt: Self.now)
                try tx.insert(&version)
                let versionId = try #require(version.id)
                for path in ["a", "b"] {
                    var entry = VersionEntry(
                        versionId: versionId, objectId: objects[0], path: path,
                        sha256: String(repeating: "0", count: 64),
                        size: 10, format: "DICOM")
                    try tx.insert(&entry)
                }
                var deleted = try #require(try tx.object(id: objects[2]))
                deleted.state = .deleted
                try tx.update(deleted)

                #expect(
                    try tx.movableObjects(versionId: versionId) == [
                        MovableObject(id: objects[0], sha256: String(repeating: "0", count: 64), size: 10, tier: "hot")
                    ])
                #expect(try tx.movableObjects(datasetId: ids[0]).map(\.id) == [objects[0], objects[1]])
                #expect(try tx.movableObjects(datasetId: ids[0]).map(\.tier) == ["hot", "cold"])

                let candidates = try tx.lifecycleCandidates()
                #expect(candidates.map(\.object.id) == [objects[0], objects[1]])
                #expect(Set(candidates[0].datasets.map(\.zone)) == ["raw", "curated"])
                #expect(candidates[0].datasets.first { $0.zone == "curated" }?.versionState == "published")
                #expect(candidates[0].datasets.first { $0.zone == "raw" }?.versionState == nil)
                #expect(candidates[1].createdAt == Self.now && candidates[1].lastAccess == nil)

                #expect(try tx.objectIdsHeldByPendingPromotionsOrRuns().isEmpty)
                #expect(
                    try tx.tierUsage().mapValues { [$0.objects, Int($0.bytes)] } == ["hot": [1, 10], "cold": [1, 20]])
            }
        }
    }
}
