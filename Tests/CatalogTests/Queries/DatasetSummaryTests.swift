import Foundation
import Testing

@testable import Catalog

/// Dataset listings with their counts and zones, on each engine.
@Suite struct DatasetSummaryTests {
    /// Three datasets: `ct_1` (imaging, two published versions in other zones, an open and a resolved flag),
    /// `ct%2` (genomics only, two files), `empty` (nothing).
    static func seed(_ tx: CatalogTransaction) throws {
        let empty = try tx.addDataset("empty", zone: "curated")
        let genomics = try tx.addDataset("ct%2")
        let imaging = try tx.addDataset("ct_1")
        _ = empty
        let study = try tx.addStudy("1.2", dataset: imaging)
        _ = try tx.addStudy("1.3", dataset: imaging)
        let ct = try tx.addSeries("1.2.1", study: study, dataset: imaging, modality: "CT", instances: 5)
        _ = try tx.addSeries("1.2.2", study: study, dataset: imaging, modality: "MR", instances: 3_000_000_000)
        for number in 1...2 {
            let object = try tx.addObject(number, size: 1_000_000_000 * Int64(number))
            _ = try tx.addInstance("1.2.1.\(number)", series: ct, object: object)
            try tx.addFile(dataset: imaging, object: object, path: "/ct/\(number).dcm", format: "DICOM")
        }
        for (number, assay) in [(3, "WGS"), (4, "RNA")] {
            let sample = try tx.addSample("S\(number)", dataset: genomics, assay: assay)
            let object = try tx.addObject(number, size: 10)
            try tx.addGenomicFile(sample: sample, object: object, format: "VCF")
            try tx.addFile(dataset: genomics, object: object, path: "/g/\(number).vcf", format: "VCF")
        }
        for (state, target) in [(FlagState.open, "1.2.1"), (.resolved, "1.2.2")] {
            var flag = QualityFlag(
                datasetId: imaging, targetKind: .series, target: target, code: "gap", severity: .warning, state: state,
                source: .person, author: "ana", note: "", createdAt: CatalogTransaction.testTime,
                updatedAt: CatalogTransaction.testTime)
            try tx.insert(&flag)
        }
        for (number, zone) in [(1, "training"), (2, "curated"), (3, "training")] {
            var version = DatasetVersion(
                datasetId: imaging, number: number, state: .published, manifestHash: "h\(number)", createdBy: "ana",
                createdAt: CatalogTransaction.testTime)
            try tx.insert(&version)
            var manifest = VersionManifest(
                versionId: try #require(version.id), hash: "h\(number)", zone: zone, body: "{}",
                createdAt: CatalogTransaction.testTime)
            try tx.insert(&manifest)
        }
    }

    @Test("Every dataset is listed by name with its counts and zones", arguments: CatalogEngine.available)
    func counts(engine: CatalogEngine) throws {
        try engine.withCatalog { store throws in
            try store.write(Self.seed)
            let summaries = try store.read { tx in try tx.datasetSummaries() }
            #expect(summaries.map(\.dataset.name) == ["ct%2", "ct_1", "empty"])
            let imaging = try #require(summaries.first { $0.dataset.name == "ct_1" })
            #expect(imaging.studyCount == 2 && imaging.seriesCount == 2 && imaging.instanceCount == 3_000_000_005)
            #expect(imaging.sampleCount == 0 && imaging.fileCount == 2 && imaging.byteCount == 3_000_000_000)
            #expect(imaging.openFlagCount == 1)
            #expect(imaging.zones == ["raw", "curated", "training"])
            let genomics = try #require(summaries.first { $0.dataset.name == "ct%2" })
            #expect(genomics.sampleCount == 2 && genomics.fileCount == 2 && genomics.byteCount == 20)
            #expect(genomics.studyCount == 0 && genomics.instanceCount == 0 && genomics.openFlagCount == 0)
            #expect(genomics.zones == ["raw"])
            let empty = try #require(summaries.last)
            #expect(empty.fileCount == 0 && empty.byteCount == 0 && empty.instanceCount == 0)
            #expect(empty.zones == ["curated"])
        }
    }

    @Test("Filters match exactly: name, modality, assay, and a zone of the dataset or of a version",
        arguments: CatalogEngine.available)
    func filters(engine: CatalogEngine) throws {
        try engine.withCatalog { store throws in
            try store.write(Self.seed)
            try store.read { tx throws in
                func names(
                    name: String? = nil, modality: String? = nil, assay: String? = nil, zone: String? = nil
                ) throws -> [String] {
                    try tx.datasetSummaries(name: name, modality: modality, assay: assay, zone: zone)
                        .map(\.dataset.name)
                }
                #expect(try names(name: "ct_1") == ["ct_1"])
                #expect(try names(name: "ct%").isEmpty)
                #expect(try names(name: "CT_1").isEmpty)
                #expect(try names(modality: "MR") == ["ct_1"])
                #expect(try names(modality: "M_").isEmpty)
                #expect(try names(assay: "RNA") == ["ct%2"])
                #expect(try names(assay: "rna").isEmpty)
                #expect(try names(zone: "curated") == ["ct_1", "empty"])
                #expect(try names(zone: "training") == ["ct_1"])
                #expect(try names(zone: "raw") == ["ct%2", "ct_1"])
                #expect(try names(modality: "CT", zone: "raw") == ["ct_1"])
                #expect(try names(name: "empty", zone: "raw").isEmpty)
            }
        }
    }
}
