import Foundation
import Testing

@testable import Catalog

/// A dataset's studies with their counts, on each engine.
@Suite struct StudySummaryTests {
    @Test("Studies come undated first, then by date, ties by UID, with their counts and sorted modalities",
        arguments: CatalogEngine.available)
    func summaries(engine: CatalogEngine) throws {
        try engine.withCatalog { store throws in
            let dataset = try store.write { tx throws in
                let dataset = try tx.addDataset("ct")
                let other = try tx.addDataset("other")
                var studies: [String: Int64] = [:]
                for (uid, date) in [
                    ("1.9", "20240102"), ("1.2", "20240101"), ("1.5", nil), ("1.10", "20240101"), ("1.3", nil),
                ] as [(String, String?)] {
                    studies[uid] = try tx.addStudy(uid, dataset: dataset, date: date)
                }
                _ = try tx.addStudy("1.0", dataset: other, date: "20240101")
                let busy = try #require(studies["1.2"])
                for (uid, modality, count) in [("1.2.1", "MR", 3), ("1.2.2", "CT", 5), ("1.2.3", "CT", 4_000_000_000)] {
                    _ = try tx.addSeries(uid, study: busy, dataset: dataset, modality: modality, instances: count)
                }
                let lone = try #require(studies["1.3"])
                _ = try tx.addSeries("1.3.1", study: lone, dataset: dataset, modality: "US", instances: 1)
                return dataset
            }
            let summaries = try store.read { tx in try tx.studySummaries(datasetId: dataset).rows }
            #expect(summaries.map(\.study.studyInstanceUID) == ["1.3", "1.5", "1.10", "1.2", "1.9"])
            #expect(summaries.map(\.seriesCount) == [1, 0, 0, 3, 0])
            #expect(summaries.map(\.instanceCount) == [1, 0, 0, 4_000_000_008, 0])
            #expect(summaries.map(\.modalities) == ["US", "", "", "CT,MR", ""])
            #expect(summaries.first?.study.studyDate == nil)
        }
    }
}
