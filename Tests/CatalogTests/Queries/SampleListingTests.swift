import Foundation
import Testing

@testable import Catalog

/// Sample listings across datasets, on each engine.
@Suite struct SampleListingTests {
    @Test("Samples come by dataset name then sample name, with file counts and sorted formats; filters are exact",
        arguments: CatalogEngine.available)
    func listings(engine: CatalogEngine) throws {
        try engine.withCatalog { store throws in
            let (later, _) = try store.write { tx throws in
                let later = try tx.addDataset("b_x")
                let earlier = try tx.addDataset("a%x")
                // The same sample name in both datasets: the dataset name breaks the tie.
                let s1 = try tx.addSample("S1", dataset: later, assay: "WGS")
                _ = try tx.addSample("S0", dataset: later, assay: "RNA")
                let other = try tx.addSample("S1", dataset: earlier, assay: "WGS")
                _ = try tx.addSample("s0", dataset: earlier)
                for (number, format) in [(1, "VCF"), (2, "BAM"), (3, "VCF")] {
                    try tx.addGenomicFile(sample: s1, object: try tx.addObject(number), format: format)
                }
                try tx.addGenomicFile(sample: other, object: try tx.addObject(4), format: "CRAM")
                return (later, earlier)
            }
            try store.read { tx throws in
                let all = try tx.sampleListings().rows
                #expect(all.map { "\($0.datasetName)/\($0.sample.name)" } == ["a%x/S1", "a%x/s0", "b_x/S0", "b_x/S1"])
                #expect(all.map(\.fileCount) == [1, 0, 0, 3])
                #expect(all.map(\.formats) == ["CRAM", "", "", "BAM,VCF"])
                #expect(try tx.sampleListings(assay: "WGS").rows.map(\.datasetName) == ["a%x", "b_x"])
                #expect(try tx.sampleListings(assay: "WG_").rows.isEmpty)
                #expect(try tx.sampleListings(assay: "wgs").rows.isEmpty)
                #expect(try tx.sampleListings(datasetId: later).rows.map(\.sample.name) == ["S0", "S1"])
                #expect(try tx.sampleListings(assay: "RNA", datasetId: later).rows.map(\.sample.name) == ["S0"])
            }
        }
    }
}
