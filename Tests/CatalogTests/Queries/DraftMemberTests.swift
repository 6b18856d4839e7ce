import Foundation
import Testing

@testable import Catalog

/// A draft's members (what publishing writes into a manifest), on each engine.
@Suite struct DraftMemberTests {
    @Test("Members come by path then hash, with their imaging or genomic ids from inside the dataset",
        arguments: CatalogEngine.available)
    func members(engine: CatalogEngine) throws {
        try engine.withCatalog { store throws in
            let datasetId = try store.write { tx throws in
                let dataset = try tx.addDataset("mixed")
                let other = try tx.addDataset("other")
                let study = try tx.addStudy("1.2", dataset: dataset)
                let series = try tx.addSeries(
                    "1.2.3", study: study, dataset: dataset, modality: "CT", bodyPart: "CHEST", description: "axial")
                // The same bytes are an instance of another dataset too: that series must not leak in.
                let otherStudy = try tx.addStudy("9.9", dataset: other)
                let otherSeries = try tx.addSeries("9.9.9", study: otherStudy, dataset: other, modality: "MR")
                let image = try tx.addObject(5, size: 100)
                _ = try tx.addInstance("1.2.3.1", series: series, object: image)
                _ = try tx.addInstance("9.9.9.1", series: otherSeries, object: image)
                try tx.addFile(dataset: dataset, object: image, path: "b/img.dcm", format: "DICOM")
                try tx.addFile(dataset: other, object: image, path: "a/img.dcm", format: "DICOM")
                // One VCF shared by two samples, the later name catalogued first; another sample elsewhere.
                let shared = try tx.addObject(7, size: 30)
                for name in ["S2", "S1"] {
                    let sample = try tx.addSample(name, dataset: dataset, assay: "WGS")
                    try tx.addGenomicFile(sample: sample, object: shared, format: "VCF")
                }
                let elsewhere = try tx.addSample("S0", dataset: other, assay: "RNA")
                try tx.addGenomicFile(sample: elsewhere, object: shared, format: "VCF")
                try tx.addFile(dataset: dataset, object: shared, path: "a/joint.vcf", format: "VCF")
                // Two files at one path: the hash orders them, whatever their row order.
                for number in [9, 8] {
                    let object = try tx.addObject(number, size: 1)
                    try tx.addFile(dataset: dataset, object: object, path: "c/same", format: "OTHER")
                }
                return dataset
            }
            let members = try store.read { tx in try tx.draftMembers(datasetId: datasetId) }
            #expect(members.map(\.path) == ["a/joint.vcf", "b/img.dcm", "c/same", "c/same"])
            #expect(members.map(\.sha256).suffix(2) == [CatalogTransaction.digest(8), CatalogTransaction.digest(9)])
            let vcf = try #require(members.first)
            #expect(vcf.sample == "S2,S1" && vcf.assay == "WGS" && vcf.size == 30 && vcf.format == "VCF")
            #expect(vcf.studyUID == nil && vcf.seriesUID == nil && vcf.sopInstanceUID == nil && vcf.modality == nil)
            let image = members[1]
            #expect(image.studyUID == "1.2" && image.seriesUID == "1.2.3" && image.sopInstanceUID == "1.2.3.1")
            #expect(image.modality == "CT" && image.bodyPart == "CHEST" && image.seriesDescription == "axial")
            #expect(image.sample == nil && image.assay == nil && image.sha256 == CatalogTransaction.digest(5))
            #expect(members[2].sample == nil && members[2].studyUID == nil)
        }
    }
}
