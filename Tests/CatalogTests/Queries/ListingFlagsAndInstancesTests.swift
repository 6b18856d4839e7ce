import Foundation
import Testing

@testable import Catalog

/// The listings the workbench windows beyond studies of one dataset and series: studies across datasets,
/// open flags tallied per listed row, and a series' instances, on each engine.
@Suite struct ListingFlagsAndInstancesTests {
    @Test("Studies across datasets stay grouped by dataset name, each dataset's in the asked order",
        arguments: CatalogEngine.available)
    func studiesAcrossDatasets(engine: CatalogEngine) throws {
        try engine.withCatalog { store throws in
            let (ct, mr, hidden) = try store.write { tx throws in
                let mr = try tx.addDataset("mr")
                let ct = try tx.addDataset("ct")
                let hidden = try tx.addDataset("hidden")
                _ = try tx.addStudy("1.3", dataset: mr, date: "20240101")
                _ = try tx.addStudy("1.1", dataset: ct, date: "20250101")
                _ = try tx.addStudy("1.2", dataset: ct, date: "20230101")
                _ = try tx.addStudy("1.9", dataset: hidden, date: "20200101")
                return (ct, mr, hidden)
            }
            try store.read { tx throws in
                #expect(try tx.datasetIdsHoldingStudies() == [ct, mr, hidden])
                let readable: Set<Int64> = [ct, mr]
                let byDate = try tx.studySummaries(among: readable)
                #expect(byDate.total == 3)
                #expect(byDate.rows.map(\.study.studyInstanceUID) == ["1.2", "1.1", "1.3"])
                #expect(byDate.rows.map(\.datasetName) == ["ct", "ct", "mr"])
                let descending = try tx.studySummaries(among: readable, window: ListingWindow(sort: .date, descending: true))
                #expect(descending.rows.map(\.study.studyInstanceUID) == ["1.3", "1.1", "1.2"])
                let page = try tx.studySummaries(among: readable, window: ListingWindow(sort: .uid, offset: 1, limit: 1))
                #expect(page.rows.map(\.study.studyInstanceUID) == ["1.2"])
                #expect(page.total == 3)
                let text = try tx.studySummaries(among: readable, window: ListingWindow(sort: .date, text: "1.3"))
                #expect(text.rows.map(\.study.studyInstanceUID) == ["1.3"])
                #expect(try tx.studySummaries(among: []).total == 0)
            }
        }
    }

    @Test("A series and its study carry their open flags, counted by the listing whatever else is open",
        arguments: CatalogEngine.available)
    func openFlagTallies(engine: CatalogEngine) throws {
        try engine.withCatalog { store throws in
            let dataset = try store.write { tx throws in
                let dataset = try tx.addDataset("ct")
                let other = try tx.addDataset("other")
                let study = try tx.addStudy("1.1", dataset: dataset)
                let quiet = try tx.addStudy("1.2", dataset: dataset)
                for index in 1...1_200 {
                    _ = try tx.addSeries("1.1.\(index)", study: study, dataset: dataset, modality: "CT")
                }
                _ = try tx.addSeries("1.2.1", study: quiet, dataset: dataset, modality: "CT")
                // 1,199 open flags before the last series' own: the listing must not depend on their number.
                for index in 1...1_199 {
                    try raise(tx, dataset, .series, "1.1.\(index)", "a", .info)
                }
                try raise(tx, dataset, .series, "1.1.1200", "a", .warning)
                try raise(tx, dataset, .series, "1.1.1200", "b", .blocking)
                try raise(tx, dataset, .study, "1.1", "c", .info)
                // Not counted: a closed flag, and a flag of another dataset naming the same UID.
                try raise(tx, dataset, .series, "1.1.1200", "d", .blocking, state: .resolved)
                try raise(tx, other, .series, "1.1.1200", "e", .blocking)
                return dataset
            }
            try store.read { tx throws in
                let last = try tx.seriesListings(
                    datasetId: dataset, studyUID: "1.1", window: ListingWindow(sort: .ingested, offset: 1_199, limit: 1))
                #expect(last.rows.first?.series.seriesInstanceUID == "1.1.1200")
                #expect(last.rows.first?.openFlags == OpenFlagTally(worst: .blocking, count: 2))
                let first = try tx.seriesListings(datasetId: dataset, window: ListingWindow(sort: .ingested, limit: 1))
                #expect(first.rows.first?.openFlags == OpenFlagTally(worst: .info, count: 1))
                let quiet = try tx.seriesListings(datasetId: dataset, studyUID: "1.2")
                #expect(quiet.rows.first?.openFlags == nil)
                let studies = try tx.studySummaries(datasetId: dataset, window: ListingWindow(sort: .uid))
                #expect(studies.rows.map(\.openFlags) == [OpenFlagTally(worst: .blocking, count: 1_202), nil])
            }
        }
    }

    @Test("A series' instances are paged, sorted and filtered by the store", arguments: CatalogEngine.available)
    func instances(engine: CatalogEngine) throws {
        try engine.withCatalog { store throws in
            let dataset = try store.write { tx throws in
                let dataset = try tx.addDataset("ct")
                let study = try tx.addStudy("1.1", dataset: dataset)
                let series = try tx.addSeries("1.1.1", study: study, dataset: dataset, modality: "CT")
                let other = try tx.addSeries("1.1.2", study: study, dataset: dataset, modality: "CT")
                for number in [3, 1, 2] {
                    _ = try tx.addInstance("1.1.1.\(number)", series: series, object: try tx.addObject(number), number: number)
                }
                _ = try tx.addInstance("1.1.1.0", series: series, object: try tx.addObject(9))
                _ = try tx.addInstance("1.1.2.1", series: other, object: try tx.addObject(10), number: 1)
                return dataset
            }
            try store.read { tx throws in
                let all = try tx.instanceListing(datasetId: dataset, seriesUID: "1.1.1", window: ListingWindow(sort: .number))
                #expect(all.total == 4)
                #expect(all.rows.map(\.sopInstanceUID) == ["1.1.1.0", "1.1.1.1", "1.1.1.2", "1.1.1.3"])
                let page = try tx.instanceListing(
                    datasetId: dataset, seriesUID: "1.1.1",
                    window: ListingWindow(sort: .number, descending: true, offset: 1, limit: 2))
                #expect(page.rows.map(\.sopInstanceUID) == ["1.1.1.2", "1.1.1.1"])
                #expect(page.offset == 1)
                #expect(page.total == 4)
                let text = try tx.instanceListing(
                    datasetId: dataset, seriesUID: "1.1.1", window: ListingWindow(sort: .uid, text: "1.1.1.3"))
                #expect(text.rows.map(\.sopInstanceUID) == ["1.1.1.3"])
                #expect(try tx.instances(datasetId: dataset, seriesUID: "1.1.2").map(\.sopInstanceUID) == ["1.1.2.1"])
            }
        }
    }

    private func raise(
        _ tx: CatalogTransaction, _ dataset: Int64, _ kind: FlagTargetKind, _ target: String, _ code: String,
        _ severity: FlagSeverity, state: FlagState = .open
    ) throws {
        #expect(try tx.raiseRuleFlag(
            datasetId: dataset, targetKind: kind, target: target, code: code, severity: severity, note: "",
            at: Date(timeIntervalSince1970: 0)))
        if state != .open {
            _ = try tx.connection.execute(
                "UPDATE qualityFlag SET state = ? WHERE datasetId = ? AND target = ? AND code = ?",
                [state.rawValue, dataset, target, code], cached: false)
        }
    }
}
