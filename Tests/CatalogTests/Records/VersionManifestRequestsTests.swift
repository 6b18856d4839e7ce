import Foundation
import Testing

@testable import Catalog

/// Published version requests (manifests and entries), written once in seam SQL, on each engine.
@Suite struct VersionManifestRequestsTests {
    @Test("Manifests are found by version and by hash prefix; the latest published version skips drafts",
        arguments: CatalogEngine.available)
    func manifests(engine: CatalogEngine) throws {
        try engine.withCatalog { store throws in
            let (chest, v1, v2) = try store.write { tx throws in
                let chest = try tx.addDataset("chest")
                let v1 = try tx.addVersion(datasetId: chest, number: 1)
                let v2 = try tx.addVersion(datasetId: chest, number: 2)
                _ = try tx.addVersion(datasetId: chest, number: 3, state: .draft)
                try tx.publish(versionId: v1, hash: "ab12", zone: "raw", entries: [])
                try tx.publish(versionId: v2, hash: "ab_9", zone: "curated", entries: [])
                let brain = try tx.addDataset("brain")
                let b1 = try tx.addVersion(datasetId: brain, number: 1)
                try tx.publish(versionId: b1, hash: "cd34", zone: "curated", entries: [])
                return (chest, v1, v2)
            }
            try store.read { tx throws in
                #expect(try tx.manifest(versionId: v1)?.hash == "ab12")
                #expect(try tx.manifest(versionId: v1)?.createdAt == CatalogTransaction.testTime)
                #expect(try tx.manifests(hashPrefix: "ab", limit: 2).map(\.hash) == ["ab12", "ab_9"])
                #expect(try tx.manifests(hashPrefix: "ab", limit: 1).count == 1)
                // `_` is a character of the prefix, not a wildcard.
                #expect(try tx.manifests(hashPrefix: "ab_", limit: 2).map(\.hash) == ["ab_9"])
                #expect(try tx.manifests(hashPrefix: "AB", limit: 2).isEmpty)
                #expect(try tx.manifests(hashPrefix: "cd34", limit: 2).map(\.hash) == ["cd34"])
                let latest = try #require(try tx.latestPublished(datasetId: chest))
                #expect(latest.versionId == v2 && latest.hash == "ab_9")
                #expect(try tx.latestPublished(datasetId: chest + 100) == nil)
                #expect(try tx.publishedVersionCountsByZone() == ["raw": 1, "curated": 2])
                let published = try #require(try tx.publishedVersion(id: v2))
                #expect(published.datasetName == "chest" && published.number == 2)
                #expect(published.manifest.versionId == v2 && published.manifest.zone == "curated")
                #expect(try tx.publishedVersion(id: v2 + 100) == nil)
            }
        }
    }

    @Test("A version's entries come in path order, and are counted", arguments: CatalogEngine.available)
    func entries(engine: CatalogEngine) throws {
        try engine.withCatalog { store throws in
            let (v1, v2) = try store.write { tx throws in
                let chest = try tx.addDataset("chest")
                let v1 = try tx.addVersion(datasetId: chest, number: 1)
                let v2 = try tx.addVersion(datasetId: chest, number: 2)
                let objects = try ["x", "y", "z"].map { try tx.addObject($0) }
                try tx.publish(
                    versionId: v1, hash: "h1", entries: [(objects[0], "b/2.dcm"), (objects[1], "B/1.dcm"), (objects[2], "a.dcm")])
                return (v1, v2)
            }
            try store.read { tx throws in
                #expect(try tx.entries(versionId: v1).map(\.path) == ["B/1.dcm", "a.dcm", "b/2.dcm"])
                #expect(try tx.entryCount(versionId: v1) == 3)
                #expect(try tx.entryCount(versionId: v2) == 0)
                #expect(try tx.entries(versionId: v2).isEmpty)
            }
        }
    }

    @Test("A dataset's pull cursor is found by server kind and URL", arguments: CatalogEngine.available)
    func remoteSources(engine: CatalogEngine) throws {
        try engine.withCatalog { store throws in
            let dataset = try store.write { tx throws in
                let dataset = try tx.addDataset("chest")
                var source = RemoteSource(
                    datasetId: dataset, kind: .orthanc, url: "http://pacs:8042", cursor: 4_000_000_000,
                    instancesIngested: 12, updatedAt: CatalogTransaction.testTime)
                try tx.insert(&source)
                return dataset
            }
            CatalogTransaction.expectDuplicate(in: "remoteSource") {
                try store.write { tx throws in
                    var twin = RemoteSource(
                        datasetId: dataset, kind: .orthanc, url: "http://pacs:8042", updatedAt: CatalogTransaction.testTime)
                    try tx.insert(&twin)
                }
            }
            try store.read { tx throws in
                let found = try #require(try tx.remoteSource(datasetId: dataset, kind: .orthanc, url: "http://pacs:8042"))
                #expect(found.cursor == 4_000_000_000 && found.instancesIngested == 12)
                #expect(try tx.remoteSource(datasetId: dataset, kind: .dicomweb, url: "http://pacs:8042") == nil)
                #expect(try tx.remoteSource(datasetId: dataset, kind: .orthanc, url: "http://pacs:8043") == nil)
            }
        }
    }

    @Test("Training runs list newest first, optionally of one manifest, with their stagings oldest first",
        arguments: CatalogEngine.available)
    func trainingRuns(engine: CatalogEngine) throws {
        try engine.withCatalog { store throws in
            let ids = try store.write { tx throws in
                var ids: [Int64] = []
                for (hash, commit) in [("m1", "c1"), ("m2", "c2"), ("m1", "c3")] {
                    var run = TrainingRun(
                        manifestHash: hash, image: "img", commit: commit, workflow: "wf", parameters: "{}",
                        recordedBy: "ana", createdAt: CatalogTransaction.testTime, pod: "pod-\(commit)")
                    try tx.insert(&run)
                    ids.append(try #require(run.id))
                }
                for (run, directory) in [(ids[0], "/stage/b"), (ids[0], "/stage/a"), (ids[1], "/stage/c")] {
                    var staging = RunStaging(
                        runId: run, manifestHash: "m1", directory: directory, files: 3, bytes: 6_000_000_000,
                        stagedBy: "ana", stagedAt: CatalogTransaction.testTime)
                    try tx.insert(&staging)
                }
                return ids
            }
            try store.read { tx throws in
                #expect(try tx.trainingRuns().map(\.commit) == ["c3", "c2", "c1"])
                #expect(try tx.trainingRuns(manifestHash: "m1").map(\.commit) == ["c3", "c1"])
                #expect(try tx.trainingRuns(manifestHash: "m9").isEmpty)
                #expect(try tx.trainingRun(id: ids[1])?.pod == "pod-c2")
                #expect(try tx.trainingRun(id: ids[2] + 100) == nil)
                #expect(try tx.stagings(runId: ids[0]).map(\.directory) == ["/stage/b", "/stage/a"])
                #expect(try tx.stagings(runId: ids[0]).first?.bytes == 6_000_000_000)
                #expect(try tx.stagings(runId: ids[2]).isEmpty)
                #expect(try tx.stagings(manifestHash: "m1").map(\.directory) == ["/stage/b", "/stage/a", "/stage/c"])
            }
        }
    }
}
