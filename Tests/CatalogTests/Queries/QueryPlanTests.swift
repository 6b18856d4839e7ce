import Foundation
import GRDB
import Testing

@testable import Catalog

/// The listing queries must answer from indexes: these tests read SQLite's plan, not the clock.
@Suite struct QueryPlanTests {
    let store: CatalogStore

    init() throws {
        store = try CatalogStore(path: NSTemporaryDirectory() + "plans-" + UUID().uuidString + ".sqlite")
        try store.pool.write { db in
            var dataset = Dataset(name: "d", zone: "raw", owner: "o", createdAt: Date())
            try dataset.insert(db)
            var study = Study(datasetId: dataset.id ?? 0, studyInstanceUID: "1.2.3")
            try study.insert(db)
            for (index, modality) in ["CT", "MR", "CT"].enumerated() {
                var series = Series(datasetId: dataset.id ?? 0, studyId: study.id ?? 0,
                                    seriesInstanceUID: "1.2.3.\(index)", modality: modality, instanceCount: 10 + index)
                try series.insert(db)
            }
        }
    }

    private func plan(_ sql: String, _ arguments: StatementArguments = []) throws -> String {
        try store.reader.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: arguments)
                .map { $0["detail"] as String }.joined(separator: "\n")
        }
    }

    @Test func modalityCountsReadTheCoveringIndex() throws {
        let counts = try store.reader.read { db in try ModalityCount.fetchAll(db) }
        #expect(counts.map(\.modality) == ["CT", "MR"])
        #expect(counts.first?.instanceCount == 22)
        #expect(counts.first?.seriesCount == 2)
        let detail = try plan("SELECT modality, COUNT(*), SUM(instanceCount) FROM series GROUP BY modality")
        #expect(detail.contains("COVERING INDEX series_on_modality_instanceCount"), "\(detail)")
    }

    @Test func seriesOfADatasetUseTheDatasetIndex() throws {
        let listing = try store.reader.read { db in try SeriesListing.fetchAll(db, datasetId: 1) }
        #expect(listing.count == 3)
        #expect(listing.allSatisfy { $0.studyInstanceUID == "1.2.3" })
        let detail = try plan("SELECT s.*, t.studyInstanceUID FROM series s JOIN study t ON t.id = s.studyId WHERE s.datasetId = ?", [1])
        #expect(detail.contains("SEARCH s USING INDEX series_on_datasetId"), "\(detail)")
        #expect(!detail.contains("SCAN s"), "\(detail)")
    }

    @Test func datasetSummaryCountsFromSeries() throws {
        let summaries = try store.reader.read { db in try DatasetSummary.fetchAll(db, modality: "MR") }
        #expect(summaries.count == 1)
        #expect(summaries.first?.instanceCount == 33)
        #expect(summaries.first?.seriesCount == 3)
        #expect(try store.reader.read { db in try DatasetSummary.fetchAll(db, modality: "US") }.isEmpty)
    }
}
