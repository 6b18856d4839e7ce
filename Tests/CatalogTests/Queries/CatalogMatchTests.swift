import Foundation
import Testing

@testable import Catalog

/// What `medlake show` matches, on each engine: exact ids (a `_` or `%` is itself), one match per dataset
/// holding the id, listed by dataset name.
@Suite struct CatalogMatchTests {
    @Test("A UID ingested into several datasets matches once in each, by dataset name, with parents and counts",
        arguments: CatalogEngine.available)
    func imaging(engine: CatalogEngine) throws {
        try engine.withCatalog { store throws in
            try store.write { tx throws in
                // Inserted in the reverse of name order, so row order and name order differ.
                for name in ["z_ct", "a%ct"] {
                    let dataset = try tx.addDataset(name)
                    let study = try tx.addStudy("1.2", dataset: dataset)
                    let series = try tx.addSeries("1.2.3", study: study, dataset: dataset, modality: "CT", instances: 4)
                    _ = try tx.addSeries("1.2.4", study: study, dataset: dataset, modality: "MR", instances: 3)
                    let object = try tx.addObject(name == "z_ct" ? 1 : 2)
                    _ = try tx.addInstance("1.2.3.1", series: series, object: object, number: 7)
                    try tx.addFile(dataset: dataset, object: object, path: "/in/\(name).dcm", format: "DICOM")
                }
                let empty = try tx.addDataset("m-empty")
                _ = try tx.addStudy("1.2", dataset: empty)
            }
            try store.read { tx throws in
                let instances = try tx.instanceMatches(sopInstanceUID: "1.2.3.1")
                #expect(instances.map(\.datasetName) == ["a%ct", "z_ct"])
                #expect(instances.first?.record.instanceNumber == 7)
                #expect(instances.first?.parents == [
                    "seriesInstanceUID": "1.2.3", "modality": "CT", "studyInstanceUID": "1.2",
                ])
                #expect(try tx.instanceMatches(sopInstanceUID: "1.2.3._").isEmpty)

                let series = try tx.seriesMatches(seriesInstanceUID: "1.2.4")
                #expect(series.map(\.datasetName) == ["a%ct", "z_ct"])
                #expect(series.map(\.record.modality) == ["MR", "MR"])
                #expect(series.first?.parents == ["studyInstanceUID": "1.2"])
                #expect(try tx.seriesMatches(seriesInstanceUID: "1.2.%").isEmpty)

                let studies = try tx.studyMatches(studyInstanceUID: "1.2")
                #expect(studies.map(\.datasetName) == ["a%ct", "m-empty", "z_ct"])
                #expect(studies.map { $0.counts["seriesCount"] } == [2, 0, 2])
                #expect(studies.map { $0.counts["instanceCount"] } == [7, 0, 7])
                #expect(try tx.studyMatches(studyInstanceUID: "1_2").isEmpty)

                let objectId = try #require(try tx.objectId(sha256: CatalogTransaction.digest(1)))
                #expect(try tx.memberships(objectId: objectId) == [
                    ObjectMembership(datasetName: "z_ct", path: "/in/z_ct.dcm", format: "DICOM")
                ])
            }
        }
    }

    @Test("An object held by several datasets lists its files by dataset name", arguments: CatalogEngine.available)
    func memberships(engine: CatalogEngine) throws {
        try engine.withCatalog { store throws in
            let objectId = try store.write { tx throws in
                let object = try tx.addObject(1)
                for name in ["c", "a", "b"] {
                    let dataset = try tx.addDataset(name)
                    try tx.addFile(dataset: dataset, object: object, path: "/\(name)/x.vcf", format: "VCF")
                }
                return object
            }
            let memberships = try store.read { tx in try tx.memberships(objectId: objectId) }
            #expect(memberships.map(\.datasetName) == ["a", "b", "c"])
            #expect(memberships.map(\.path) == ["/a/x.vcf", "/b/x.vcf", "/c/x.vcf"])
        }
    }

    @Test("A sample name matches exactly, once per dataset, by dataset name", arguments: CatalogEngine.available)
    func samples(engine: CatalogEngine) throws {
        try engine.withCatalog { store throws in
            try store.write { tx throws in
                let later = try tx.addDataset("wgs-2")
                let earlier = try tx.addDataset("wgs-1")
                _ = try tx.addSample("S_1", dataset: later, assay: "WGS")
                _ = try tx.addSample("S_1", dataset: earlier, assay: "RNA")
                _ = try tx.addSample("SX1", dataset: earlier)
                _ = try tx.addSample("s_1", dataset: earlier)
            }
            try store.read { tx throws in
                let matches = try tx.sampleMatches(name: "S_1")
                #expect(matches.map(\.datasetName) == ["wgs-1", "wgs-2"])
                #expect(matches.map(\.record.assay) == ["RNA", "WGS"])
                #expect(try tx.sampleMatches(name: "S%").isEmpty)
                #expect(try tx.sampleMatches(name: "SX1").map(\.record.name) == ["SX1"])
            }
        }
    }
}
