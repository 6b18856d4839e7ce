import Foundation
import Testing

@testable import Catalog

/// A sample's genomic files for the workbench's inspector, on each engine.
@Suite struct GenomicFileEntryTests {
    @Test("A sample's files come by format, path, then row id; a file without a path row sorts first",
        arguments: CatalogEngine.available)
    func entries(engine: CatalogEngine) throws {
        try engine.withCatalog { store throws in
            let datasetId = try store.write { tx throws in
                let dataset = try tx.addDataset("wgs")
                let sample = try tx.addSample("S_1", dataset: dataset)
                let decoy = try tx.addSample("SX1", dataset: dataset)
                let files = [(1, "VCF", "b.vcf"), (2, "VCF", "a.vcf"), (3, "BAM", "x.bam"), (4, "VCF", "a.vcf")]
                for (number, format, path) in files {
                    let object = try tx.addObject(number, size: Int64(number))
                    let facts = "{\"n\":\"\(number)\"}"
                    try tx.addGenomicFile(sample: sample, object: object, format: format, headerFacts: facts)
                    try tx.addFile(dataset: dataset, object: object, path: path, format: format)
                }
                let unplaced = try tx.addObject(5, state: .deleted)
                try tx.addGenomicFile(sample: sample, object: unplaced, format: "VCF")
                try tx.addGenomicFile(sample: decoy, object: try tx.addObject(6), format: "VCF")
                return dataset
            }
            let entries = try store.read { tx in try tx.genomicFileEntries(datasetId: datasetId, sample: "S_1") }
            #expect(entries.map(\.format) == ["BAM", "VCF", "VCF", "VCF", "VCF"])
            #expect(entries.map(\.path) == ["x.bam", "", "a.vcf", "a.vcf", "b.vcf"])
            #expect(entries.map(\.size) == [3, 1, 2, 4, 1].map(Int64.init))
            #expect(entries[1].state == .deleted && entries[0].state == .present)
            #expect(entries[2].headerFacts == "{\"n\":\"2\"}" && entries[2].stats == "{}" && entries[2].tier == "hot")
            #expect(try store.read { tx in try tx.genomicFileEntries(datasetId: datasetId, sample: "S%") }.isEmpty)
        }
    }
}
