import Foundation
import Testing

@testable import Catalog

/// A dataset's series listing, on each engine.
@Suite struct SeriesListingTests {
    @Test("Series come in ingest order, even after their counts change, optionally of one study",
        arguments: CatalogEngine.available)
    func listings(engine: CatalogEngine) throws {
        try engine.withCatalog { store throws in
            let (dataset, first) = try store.write { tx throws in
                let dataset = try tx.addDataset("ct")
                let other = try tx.addDataset("other")
                let studyA = try tx.addStudy("1.2", dataset: dataset)
                let studyB = try tx.addStudy("1.1", dataset: dataset)
                var ids: [Int64] = []
                for (uid, study) in [("1.2.9", studyA), ("1.1.1", studyB), ("1.2.1", studyA), ("1.1.0", studyB)] {
                    ids.append(try tx.addSeries(uid, study: study, dataset: dataset, modality: "CT"))
                }
                let otherStudy = try tx.addStudy("1.2", dataset: other)
                _ = try tx.addSeries("1.2.5", study: otherStudy, dataset: other, modality: "MR")
                return (dataset, ids[0])
            }
            // Updating a row moves it on PostgreSQL's heap: the order must still be the row id's.
            try store.write { tx in try tx.addInstances(3, seriesId: first) }
            try store.read { tx throws in
                let all = try tx.seriesListings(datasetId: dataset).rows
                #expect(all.map(\.series.seriesInstanceUID) == ["1.2.9", "1.1.1", "1.2.1", "1.1.0"])
                #expect(all.map(\.studyInstanceUID) == ["1.2", "1.1", "1.2", "1.1"])
                #expect(all.first?.series.instanceCount == 3)
                #expect(try tx.seriesListings(datasetId: dataset, studyUID: "1.1").rows.map(\.series.seriesInstanceUID)
                    == ["1.1.1", "1.1.0"])
                #expect(try tx.seriesListings(datasetId: dataset, studyUID: "1._").rows.isEmpty)
            }
        }
    }
}
