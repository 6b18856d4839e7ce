import Foundation
import Testing

@testable import Catalog

/// Genomic file requests (ingest's insert, a sample's files and objects, header facts) on each engine.
@Suite struct GenomicFileRequestsTests {
    static let now = Date(timeIntervalSince1970: 1_780_000_000)

    @Test(
        "A sample holds an object once per file; its files, hashes and the dataset's header facts are listed",
        arguments: CatalogEngine.available)
    func genomicFiles(engine: CatalogEngine) throws {
        try engine.withCatalog { store throws in
            try store.write { tx throws in
                var dataset = Dataset(name: "wgs", zone: "raw", owner: "ana", createdAt: Self.now)
                try tx.insert(&dataset)
                let datasetId = try #require(dataset.id)
                var samples: [Int64] = []
                for name in ["S1", "S2"] {
                    var sample = Sample(datasetId: datasetId, name: name, assay: "WGS")
                    try tx.insert(&sample)
                    samples.append(try #require(sample.id))
                }
                let bam = try tx.storedObjectId(
                    sha256: String(repeating: "b", count: 64), size: 5, tier: "hot", at: Self.now)
                let vcf = try tx.storedObjectId(
                    sha256: String(repeating: "c", count: 64), size: 3, tier: "hot", at: Self.now)
                let facts = #"{"reference":"GRCh38"}"#
                try tx.insertIfNew(GenomicFile(sampleId: samples[0], objectId: bam, format: "BAM", headerFacts: facts))
                try tx.insertIfNew(GenomicFile(sampleId: samples[0], objectId: vcf, format: "VCF", headerFacts: "{}"))
                // The same object again, even in another format, is not a second file of the sample.
                try tx.insertIfNew(GenomicFile(sampleId: samples[0], objectId: bam, format: "CRAM", headerFacts: "{}"))
                try tx.insertIfNew(
                    GenomicFile(
                        sampleId: samples[1], objectId: bam, format: "BAM", headerFacts: facts, stats: #"{"reads":9}"#))

                let files = try tx.genomicFiles(sampleId: samples[0])
                #expect(files.map(\.format) == ["BAM", "VCF"] && files.map(\.objectId) == [bam, vcf])
                #expect(files.first?.headerFacts == facts && files.first?.stats == "{}")
                #expect(try tx.genomicFiles(sampleId: samples[1]).first?.stats == #"{"reads":9}"#)
                #expect(
                    Set(try tx.objectHashes(sampleId: samples[0])) == [
                        String(repeating: "b", count: 64), String(repeating: "c", count: 64),
                    ])
                #expect(try tx.objectHashes(sampleId: samples[1]) == [String(repeating: "b", count: 64)])
                #expect(Set(try tx.genomicHeaderFacts(datasetId: datasetId)) == [facts, "{}"])
                #expect(try tx.genomicHeaderFacts(datasetId: datasetId + 1).isEmpty)
            }
        }
    }
}
