import Foundation
import Testing

@testable import Catalog

/// Pages of sorted, filtered listings cut in SQL, on each engine: boundaries, totals, both directions with
/// ties, the text filter and a row's position.
@Suite struct ListingWindowTests {
    /// Five series of one study: two body parts tie, one has none, descriptions vary in case.
    private static func catalog(_ store: CatalogStore) throws -> Int64 {
        try store.write { tx throws in
            let dataset = try tx.addDataset("ct")
            let study = try tx.addStudy("1.1", dataset: dataset)
            let rows: [(String, String?, String?)] = [
                ("1.1.5", "CHEST", "Chest 50%"), ("1.1.4", "HEAD", "axial"), ("1.1.3", "CHEST", "chest_low"),
                ("1.1.2", nil, "scout"), ("1.1.1", "ABDOMEN", nil),
            ]
            for (uid, bodyPart, description) in rows {
                _ = try tx.addSeries(
                    uid, study: study, dataset: dataset, modality: "CT", bodyPart: bodyPart, description: description)
            }
            return dataset
        }
    }

    @Test("Pages cut a sorted listing without overlap, with the listing's total", arguments: CatalogEngine.available)
    func pages(engine: CatalogEngine) throws {
        try engine.withCatalog { store throws in
            let dataset = try Self.catalog(store)
            try store.read { tx throws in
                func uids(_ window: ListingWindow<SeriesSort>) throws -> [String] {
                    try tx.seriesListings(datasetId: dataset, studyUID: "1.1", window: window).rows
                        .map(\.series.seriesInstanceUID)
                }
                // Body part: no body part first, ties (two CHEST) by catalogue order.
                let ascending = ["1.1.2", "1.1.1", "1.1.5", "1.1.3", "1.1.4"]
                #expect(try uids(ListingWindow(sort: .bodyPart)) == ascending)
                #expect(try uids(ListingWindow(sort: .bodyPart, descending: true)) == ascending.reversed())
                let first = try tx.seriesListings(
                    datasetId: dataset, window: ListingWindow(sort: .bodyPart, offset: 0, limit: 2))
                let last = try tx.seriesListings(
                    datasetId: dataset, window: ListingWindow(sort: .bodyPart, offset: 4, limit: 2))
                #expect(first.rows.map(\.series.seriesInstanceUID) == ["1.1.2", "1.1.1"])
                #expect(last.rows.map(\.series.seriesInstanceUID) == ["1.1.4"])
                #expect(first.total == 5 && last.total == 5 && last.offset == 4)
                #expect(try uids(ListingWindow(sort: .uid, offset: 9, limit: 2)).isEmpty)
                let beyond = try tx.seriesListings(
                    datasetId: dataset, window: ListingWindow(sort: .uid, offset: 9, limit: 2))
                #expect(beyond.total == 5 && beyond.offset == 9)
            }
        }
    }

    @Test(
        "A window that brings its listing's total is answered with it, not counted, unless the page shows the listing ends elsewhere",
        arguments: CatalogEngine.available)
    func knownTotal(engine: CatalogEngine) throws {
        try engine.withCatalog { store throws in
            let dataset = try Self.catalog(store)
            try store.read { tx throws in
                func total(offset: Int, known: Int?) throws -> Int {
                    try tx.seriesListings(
                        datasetId: dataset,
                        window: ListingWindow(sort: .bodyPart, offset: offset, limit: 2, knownTotal: known)
                    ).total
                }
                // A full page inside the known size: the known size (a count would say 5).
                #expect(try total(offset: 0, known: 7) == 7)
                #expect(try total(offset: 2, known: 7) == 7)
                #expect(try total(offset: 0, known: nil) == 5)
                // The last page, short: where the listing really ends.
                #expect(try total(offset: 4, known: 7) == 5)
                // A known size the page already runs past (rows added since), or a page past the end: counted.
                #expect(try total(offset: 2, known: 3) == 5)
                #expect(try total(offset: 9, known: 7) == 5)
            }
        }
    }

    @Test("The text filter ignores case, takes % and _ as themselves, and sets the total", arguments: CatalogEngine.available)
    func text(engine: CatalogEngine) throws {
        try engine.withCatalog { store throws in
            let dataset = try Self.catalog(store)
            try store.read { tx throws in
                func page(_ text: String) throws -> ListingPage<SeriesListing> {
                    try tx.seriesListings(datasetId: dataset, window: ListingWindow(sort: .uid, text: text, limit: 1))
                }
                #expect(try page("cHeSt").total == 2)
                #expect(try page("cHeSt").rows.map(\.series.seriesInstanceUID) == ["1.1.3"])
                #expect(try page("50%").total == 1)
                #expect(try page("t_l").total == 1)
                #expect(try page("%").total == 1)
                #expect(try page("mr").total == 0)
                #expect(try page("").total == 5)
            }
        }
    }

    @Test("A row's position follows the order and the filter", arguments: CatalogEngine.available)
    func position(engine: CatalogEngine) throws {
        try engine.withCatalog { store throws in
            let dataset = try Self.catalog(store)
            try store.read { tx throws in
                let window = ListingWindow<SeriesSort>(sort: .bodyPart, limit: 2)
                #expect(try tx.seriesPosition(datasetId: dataset, seriesUID: "1.1.3", window: window) == 3)
                #expect(window.holding(position: 3).offset == 2)
                var reversed = window
                reversed.descending = true
                #expect(try tx.seriesPosition(datasetId: dataset, seriesUID: "1.1.3", window: reversed) == 1)
                var filtered = window
                filtered.text = "head"
                #expect(try tx.seriesPosition(datasetId: dataset, seriesUID: "1.1.3", window: filtered) == nil)
                #expect(try tx.studyPosition(datasetId: dataset, studyUID: "1.1", window: ListingWindow(sort: .date)) == 0)
            }
        }
    }

    @Test("A row's position is where its page puts it, in every order and direction", arguments: CatalogEngine.available)
    func positionsMatchPages(engine: CatalogEngine) throws {
        try engine.withCatalog { store throws in
            let dataset = try Self.catalog(store)
            try store.read { tx throws in
                for sort in SeriesSort.allCases {
                    for descending in [false, true] {
                        for text in [nil, "c"] {
                            let window = ListingWindow(sort: sort, descending: descending, text: text)
                            let listed = try tx.seriesListings(datasetId: dataset, window: window).rows
                                .map(\.series.seriesInstanceUID)
                            for (index, uid) in listed.enumerated() {
                                let position = try tx.seriesPosition(datasetId: dataset, seriesUID: uid, window: window)
                                #expect(position == index, "\(uid) sorted by \(sort), descending \(descending), \(text ?? "")")
                            }
                        }
                    }
                }
                for sort in StudySort.allCases {
                    #expect(try tx.studyPosition(datasetId: dataset, studyUID: "1.1", window: ListingWindow(sort: sort)) == 0)
                }
            }
        }
    }

    @Test("A page shorter than its window is the listing's end: its total is not counted", arguments: CatalogEngine.available)
    func shortPageNotCounted(engine: CatalogEngine) throws {
        try engine.withCatalog { store throws in
            let dataset = try Self.catalog(store)
            try store.read { tx throws in
                func counts(_ window: ListingWindow<SeriesSort>) throws -> (total: Int, counted: Bool) {
                    let recorder = RecordingConnection(tx.connection)
                    let page = try CatalogTransaction(connection: recorder).seriesListings(datasetId: dataset, window: window)
                    return (page.total, recorder.statements.contains { $0.sql.hasPrefix("SELECT COUNT(*)") })
                }
                #expect(try counts(ListingWindow(sort: .uid, offset: 4, limit: 2)) == (5, false))
                #expect(try counts(ListingWindow(sort: .uid, text: "chest", limit: 200)) == (2, false))
                #expect(try counts(ListingWindow(sort: .uid, text: "mr", limit: 200)) == (0, false))
                #expect(try counts(ListingWindow(sort: .uid, offset: 0, limit: 2)) == (5, true))
                #expect(try counts(ListingWindow(sort: .uid, offset: 9, limit: 2)) == (5, true))
            }
        }
    }
}
