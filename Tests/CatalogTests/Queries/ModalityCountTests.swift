import Foundation
import Testing

@testable import Catalog

/// Counts by modality, on each engine.
@Suite struct ModalityCountTests {
    @Test("Modalities come largest first, ties by name, over the lake or one dataset",
        arguments: CatalogEngine.available)
    func counts(engine: CatalogEngine) throws {
        try engine.withCatalog { store throws in
            let (first, second) = try store.write { tx throws in
                let first = try tx.addDataset("one")
                let second = try tx.addDataset("two")
                let study = try tx.addStudy("1", dataset: first)
                let other = try tx.addStudy("2", dataset: second)
                // MR and CT tie at 22 over the lake; US is smaller; an empty modality is counted as "".
                for (uid, modality, count, dataset, study) in [
                    ("1.1", "MR", 22, first, study), ("1.2", "CT", 10, first, study), ("2.1", "CT", 12, second, other),
                    ("2.2", "US", 5_000_000_000, second, other), ("2.3", "", 1, second, other),
                ] {
                    _ = try tx.addSeries(uid, study: study, dataset: dataset, modality: modality, instances: count)
                }
                return (first, second)
            }
            try store.read { tx throws in
                let lake = try tx.modalityCounts()
                #expect(lake.map(\.modality) == ["US", "CT", "MR", ""])
                #expect(lake.map(\.instanceCount) == [5_000_000_000, 22, 22, 1])
                #expect(lake.map(\.seriesCount) == [1, 2, 1, 1])
                #expect(try tx.modalityCounts(datasetId: first).map(\.modality) == ["MR", "CT"])
                #expect(try tx.modalityCounts(datasetId: second).map(\.instanceCount) == [5_000_000_000, 12, 1])
                #expect(try tx.modalityCounts(datasetId: second + 10).isEmpty)
            }
        }
    }
}
