import Foundation
import Testing

@testable import Catalog

/// Dataset and version requests, written once in seam SQL, on each engine.
@Suite struct DatasetRequestsTests {
    /// A time with milliseconds, the precision both engines keep.
    static let created = Date(timeIntervalSince1970: 1_780_000_000.125)

    @Test("Datasets are found by exact name, id and id list; dates and enums round-trip", arguments: CatalogEngine.available)
    func datasets(engine: CatalogEngine) throws {
        try engine.withCatalog { store throws in
            let (chest, brain) = try store.write { tx throws in
                var chest = Dataset(name: "chest", zone: "raw", owner: "ana", createdAt: Self.created)
                try tx.insert(&chest)
                var brain = Dataset(name: "brain_x", zone: "curated", owner: "bo", status: .deprecated, createdAt: Self.created)
                try tx.insert(&brain)
                return (chest, brain)
            }
            let chestId = try #require(chest.id)
            let brainId = try #require(brain.id)
            #expect(chestId != brainId)
            try store.read { tx throws in
                #expect(try tx.dataset(named: "chest") == chest)
                #expect(try tx.dataset(named: "Chest") == nil)
                #expect(try tx.dataset(named: "brain%") == nil)
                #expect(try tx.dataset(id: brainId)?.status == .deprecated)
                #expect(try tx.dataset(id: brainId)?.createdAt == Self.created)
                #expect(try tx.datasetName(id: chestId) == "chest")
                #expect(try tx.datasetName(id: brainId + 100) == nil)
                #expect(try tx.datasets().map(\.name) == ["chest", "brain_x"])
                #expect(try tx.datasets(ids: [brainId, brainId + 100]).map(\.name) == ["brain_x"])
                #expect(try tx.datasets(ids: [Int64]()).isEmpty)
                #expect(try tx.datasetNames(sensitivity: "restricted") == ["chest", "brain_x"])
            }
            try store.write { tx throws in
                var renamed = chest
                renamed.status = .deprecated
                renamed.consentScope = "research"
                try tx.update(renamed)
            }
            #expect(try store.read { tx in try tx.dataset(id: chestId)?.consentScope } == "research")
        }
    }

    @Test("Versions are listed by number, the next number follows the highest, and deleting a dataset takes them",
        arguments: CatalogEngine.available)
    func versions(engine: CatalogEngine) throws {
        try engine.withCatalog { store throws in
            let datasetId = try store.write { tx throws in
                var dataset = Dataset(name: "chest", zone: "raw", owner: "ana", createdAt: Self.created)
                try tx.insert(&dataset)
                let id = try #require(dataset.id)
                #expect(try tx.nextVersionNumber(datasetId: id) == 1)
                for number in [2, 1] {
                    var version = DatasetVersion(
                        datasetId: id, number: number, state: number == 1 ? .published : .draft,
                        manifestHash: number == 1 ? "abc" : nil, createdBy: "ana", createdAt: Self.created)
                    try tx.insert(&version)
                }
                return id
            }
            try store.read { tx throws in
                #expect(try tx.versions(datasetId: datasetId).map(\.number) == [1, 2])
                #expect(try tx.version(datasetId: datasetId, number: 1)?.manifestHash == "abc")
                #expect(try tx.version(datasetId: datasetId, number: 3) == nil)
                #expect(try tx.nextVersionNumber(datasetId: datasetId) == 3)
                let latest = try #require(try tx.latestVersion(datasetId: datasetId))
                #expect(latest.number == 2 && latest.state == .draft && latest.manifestHash == nil)
                #expect(try tx.version(id: try #require(latest.id)) == latest)
                let each = try tx.latestVersionOfEachDataset()
                #expect(each.map(\.datasetName) == ["chest"])
                #expect(each.first?.version == latest)
            }
            try store.write { tx in try tx.deleteDataset(id: datasetId) }
            try store.read { tx throws in
                #expect(try tx.dataset(id: datasetId) == nil)
                #expect(try tx.versions(datasetId: datasetId).isEmpty)
            }
        }
    }

    @Test("The summary joins distinct modalities and assays, sorted", arguments: CatalogEngine.available)
    func summary(engine: CatalogEngine) throws {
        try engine.withCatalog { store throws in
            let datasetId = try store.write { tx throws in
                var dataset = Dataset(name: "mixed", zone: "raw", owner: "ana", createdAt: Self.created)
                try tx.insert(&dataset)
                let id = try #require(dataset.id)
                var study = Study(datasetId: id, studyInstanceUID: "1.2")
                try tx.insert(&study)
                for (uid, modality) in [("1.2.3", "MR"), ("1.2.4", "CT"), ("1.2.5", "MR"), ("1.2.6", "")] {
                    var series = Series(
                        datasetId: id, studyId: try #require(study.id), seriesInstanceUID: uid, modality: modality,
                        instanceCount: 1)
                    try tx.insert(&series)
                }
                for (name, assay) in [("S1", "WGS"), ("S2", "RNA"), ("S3", nil)] {
                    var sample = Sample(datasetId: id, name: name, assay: assay)
                    try tx.insert(&sample)
                }
                try tx.refreshSummary(datasetId: id)
                return id
            }
            let dataset = try #require(try store.read { tx in try tx.dataset(id: datasetId) })
            #expect(dataset.modalities == "CT,MR")
            #expect(dataset.assays == "RNA,WGS")
        }
    }
}
