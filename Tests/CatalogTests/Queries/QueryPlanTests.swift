import Foundation
import Testing

@testable import Catalog

/// The listing requests must answer from indexes on both engines: these tests read each engine's plan of
/// exactly the statements a request runs (through ``RecordingConnection``), never the clock.
///
/// SQLite's plans are the ones these requests had before the seam (its planner has no statistics in a
/// catalog, so the plan depends on the schema alone). PostgreSQL picks sequential scans for small tables, so
/// its plans are read with `enable_seqscan` off: a `Seq Scan` left in a plan then means no index serves it.
@Suite struct QueryPlanTests {
    /// A request, and what the plans of its statements must (and must not) show.
    struct PlannedRequest: Sendable, CustomTestStringConvertible {
        var name: String
        var run: @Sendable (CatalogTransaction) throws -> Void
        /// Lines SQLite's plan must hold (`EXPLAIN QUERY PLAN` details).
        var sqlite: [String]
        /// Fragments no line of SQLite's plan may hold (sorts the request never needed).
        var sqliteNever: [String] = []
        /// Fragments PostgreSQL's plan must hold.
        var postgres: [String] = []

        var testDescription: String { name }
    }

    static let requests: [PlannedRequest] = [
        PlannedRequest(
            name: "memberships", run: { _ = try $0.memberships(objectId: 1) },
            sqlite: ["SEARCH f USING INDEX datasetFile_on_objectId (objectId=?)"]),
        PlannedRequest(
            name: "instanceMatches", run: { _ = try $0.instanceMatches(sopInstanceUID: "1") },
            sqlite: ["SEARCH i USING INDEX instance_on_sopInstanceUID (sopInstanceUID=?)"]),
        PlannedRequest(
            name: "seriesMatches", run: { _ = try $0.seriesMatches(seriesInstanceUID: "1") },
            sqlite: ["SEARCH s USING INDEX series_on_seriesInstanceUID (seriesInstanceUID=?)"]),
        PlannedRequest(
            name: "studyMatches", run: { _ = try $0.studyMatches(studyInstanceUID: "1") },
            sqlite: [
                "SEARCH t USING INDEX study_on_studyInstanceUID (studyInstanceUID=?)",
                "SEARCH series USING COVERING INDEX series_on_studyId (studyId=?)",
            ]),
        PlannedRequest(
            name: "sampleMatches", run: { _ = try $0.sampleMatches(name: "S1") },
            sqlite: ["SEARCH p USING INDEX sample_on_name (name=?)"]),
        PlannedRequest(
            name: "datasetSummaries", run: { _ = try $0.datasetSummaries() },
            sqlite: [
                "SCAN d USING INDEX sqlite_autoindex_dataset_1",
                "SEARCH study USING COVERING INDEX study_on_datasetId (datasetId=?)",
                "SEARCH series USING COVERING INDEX series_on_datasetId_instanceCount (datasetId=?)",
                "SEARCH sample USING COVERING INDEX sample_on_datasetId (datasetId=?)",
                "SEARCH datasetFile USING COVERING INDEX datasetFile_on_datasetId (datasetId=?)",
                "SEARCH f USING COVERING INDEX sqlite_autoindex_datasetFile_1 (datasetId=?)",
                "SEARCH qualityFlag USING COVERING INDEX qualityFlag_on_datasetId_state (datasetId=? AND state=?)",
                "SEARCH v USING COVERING INDEX datasetVersion_on_datasetId (datasetId=?)",
                "SEARCH m USING INDEX sqlite_autoindex_versionManifest_1 (versionId=?)",
            ],
            sqliteNever: ["FOR ORDER BY"]),
        PlannedRequest(
            name: "datasetSummaries filtered",
            run: { _ = try $0.datasetSummaries(name: "d", modality: "CT", assay: "WGS", zone: "raw") },
            sqlite: [
                "SEARCH d USING INDEX sqlite_autoindex_dataset_1 (name=?)",
                "SEARCH s USING COVERING INDEX series_on_datasetId_modality (datasetId=? AND modality=?)",
            ]),
        PlannedRequest(
            name: "draftMembers", run: { _ = try $0.draftMembers(datasetId: 1) },
            sqlite: [
                "SEARCH f USING INDEX datasetFile_on_datasetId (datasetId=?)",
                "SEARCH i USING INDEX instance_on_objectId (objectId=?) LEFT-JOIN",
                "SEARCH genomicFile USING INDEX genomicFile_on_objectId (objectId=?)",
            ]),
        PlannedRequest(
            name: "genomicFileEntries", run: { _ = try $0.genomicFileEntries(datasetId: 1, sample: "S1") },
            sqlite: [
                "SEARCH p USING COVERING INDEX sqlite_autoindex_sample_1 (datasetId=? AND name=?)",
                "SEARCH g USING INDEX genomicFile_on_sampleId (sampleId=?)",
                "SEARCH f USING INDEX sqlite_autoindex_datasetFile_1 (datasetId=? AND objectId=?)",
            ]),
        PlannedRequest(
            name: "modalityCounts", run: { _ = try $0.modalityCounts() },
            sqlite: ["SCAN series USING COVERING INDEX series_on_modality_instanceCount"],
            postgres: ["Index Only Scan using series_on_modality_instancecount"]),
        PlannedRequest(
            name: "modalityCounts of a dataset", run: { _ = try $0.modalityCounts(datasetId: 1) },
            sqlite: ["SEARCH series USING INDEX series_on_datasetId_modality (datasetId=?)"]),
        PlannedRequest(
            name: "sampleListings", run: { _ = try $0.sampleListings() },
            // The page's keys are read in the index's order; only the page's own rows are sorted after.
            sqlite: [
                "SCAN d USING COVERING INDEX sqlite_autoindex_dataset_1",
                "SEARCH p USING COVERING INDEX sqlite_autoindex_sample_1 (datasetId=?)",
                "SEARCH p USING INTEGER PRIMARY KEY (rowid=?)",
                "SEARCH genomicFile USING COVERING INDEX genomicFile_on_sampleId (sampleId=?)",
            ]),
        PlannedRequest(
            name: "sampleListings filtered", run: { _ = try $0.sampleListings(assay: "WGS", datasetId: 1) },
            sqlite: ["SEARCH p USING INDEX sqlite_autoindex_sample_1 (datasetId=?)"]),
        PlannedRequest(
            name: "seriesListings", run: { _ = try $0.seriesListings(datasetId: 1) },
            sqlite: [
                "SEARCH s USING COVERING INDEX series_on_datasetId (datasetId=?)",
                "SEARCH s USING INDEX series_on_datasetId (datasetId=? AND rowid=?)",
            ],
            sqliteNever: ["FOR ORDER BY"],
            postgres: ["series_on_datasetid"]),
        // The total of a listing whose page is not its end is counted from the index alone.
        PlannedRequest(
            name: "seriesListings counted",
            run: { _ = try $0.seriesListings(datasetId: 1, window: ListingWindow(sort: .ingested, offset: 200)) },
            sqlite: ["SEARCH s USING COVERING INDEX series_on_datasetId (datasetId=?)"],
            sqliteNever: ["FOR ORDER BY"]),
        // A row's position: the row found through its UID's index, then the rows before it counted through
        // the listing's index; never every row numbered and sorted.
        PlannedRequest(
            name: "seriesPosition",
            run: { _ = try $0.seriesPosition(datasetId: 1, seriesUID: "1.2", window: ListingWindow(sort: .ingested)) },
            sqlite: [
                "SEARCH x USING COVERING INDEX series_on_seriesInstanceUID (seriesInstanceUID=?)",
                "SEARCH s USING COVERING INDEX series_on_datasetId (datasetId=? AND rowid<?)",
            ],
            sqliteNever: ["TEMP B-TREE"]),
        PlannedRequest(
            name: "studyPosition",
            run: { _ = try $0.studyPosition(datasetId: 1, studyUID: "1.2", window: ListingWindow(sort: .uid)) },
            sqlite: ["SEARCH x USING COVERING INDEX study_on_studyInstanceUID (studyInstanceUID=?)"],
            sqliteNever: ["TEMP B-TREE"]),
        PlannedRequest(
            name: "seriesListings of a study", run: { _ = try $0.seriesListings(datasetId: 1, studyUID: "1") },
            sqlite: [
                "SEARCH study USING COVERING INDEX sqlite_autoindex_study_1 (datasetId=? AND studyInstanceUID=?)",
                "SEARCH s USING INDEX series_on_studyId (studyId=?)",
            ],
            sqliteNever: ["FOR ORDER BY"]),
        PlannedRequest(
            name: "seriesListings sorted and filtered",
            run: { tx in
                for sort in SeriesSort.allCases {
                    let window = ListingWindow(sort: sort, descending: true, text: "chest", offset: 9_800, limit: 200)
                    _ = try tx.seriesListings(datasetId: 1, studyUID: "1", window: window)
                    _ = try tx.seriesPosition(datasetId: 1, studyUID: "1", seriesUID: "1.2", window: window)
                }
            },
            sqlite: ["SEARCH s USING INDEX series_on_studyId (studyId=?)"]),
        PlannedRequest(
            name: "seriesListings' open flags", run: { _ = try $0.seriesListings(datasetId: 1) },
            sqlite: ["SEARCH f USING INDEX qualityFlag_on_target (target=?)"]),
        PlannedRequest(
            name: "studySummaries across datasets",
            run: { tx in
                for sort in StudySort.allCases {
                    let window = ListingWindow(sort: sort, descending: true, text: "ct", offset: 400, limit: 200)
                    _ = try tx.studySummaries(among: [1, 2], window: window)
                }
            },
            sqlite: ["SEARCH f USING INDEX qualityFlag_on_target (target=?)"]),
        PlannedRequest(
            name: "instanceListing",
            run: { tx in
                for sort in InstanceSort.allCases {
                    let window = ListingWindow(sort: sort, descending: true, text: "1.2", offset: 400, limit: 200)
                    _ = try tx.instanceListing(datasetId: 1, seriesUID: "1", window: window)
                }
            },
            sqlite: ["SEARCH i USING INDEX instance_on_seriesId (seriesId=?)"]),
        PlannedRequest(
            name: "sliceGeometry", run: { _ = try $0.sliceGeometry(datasetId: 1) },
            sqlite: [
                "SEARCH series USING INDEX series_on_datasetId_instanceCount (datasetId=?)",
                "SEARCH s USING COVERING INDEX series_on_datasetId (datasetId=?)",
                "SEARCH i USING INDEX instance_on_seriesId (seriesId=?)",
            ],
            sqliteNever: ["FOR ORDER BY"],
            postgres: ["series_on_datasetid"]),
        PlannedRequest(
            name: "studySummaries", run: { _ = try $0.studySummaries(datasetId: 1) },
            sqlite: [
                "SEARCH t USING COVERING INDEX study_on_datasetId_studyDate (datasetId=?)",
                "SEARCH t USING INTEGER PRIMARY KEY (rowid=?)",
                "SEARCH c USING COVERING INDEX series_on_studyId (studyId=?)",
            ],
            sqliteNever: ["FOR GROUP BY"],
            postgres: ["study_on_datasetid_studydate"]),
        PlannedRequest(
            name: "studySummaries sorted and filtered",
            run: { tx in
                for sort in StudySort.allCases {
                    let window = ListingWindow(sort: sort, descending: true, text: "ct", offset: 400, limit: 200)
                    _ = try tx.studySummaries(datasetId: 1, window: window)
                    _ = try tx.studyPosition(datasetId: 1, studyUID: "1.2", window: window)
                }
            },
            sqlite: ["SEARCH m USING INDEX series_on_studyId (studyId=?)"]),
        PlannedRequest(
            name: "sampleListings sorted and filtered",
            run: { tx in
                for sort in SampleSort.allCases {
                    let window = ListingWindow(sort: sort, descending: true, text: "bam", offset: 200, limit: 200)
                    _ = try tx.sampleListings(among: [1, 2], window: window)
                }
            },
            sqlite: ["SEARCH g USING INDEX genomicFile_on_sampleId (sampleId=?)"]),
        PlannedRequest(
            name: "flags", run: { _ = try $0.flags(FlagConditions(state: .open), among: [1]) },
            sqlite: ["SEARCH f USING INDEX qualityFlag_on_state_severity (state=?)"]),
        PlannedRequest(
            name: "flags sorted and filtered",
            run: { tx in
                for sort in FlagSort.allCases {
                    let window = ListingWindow(sort: sort, descending: true, text: "slice", offset: 200, limit: 200)
                    _ = try tx.flags(FlagConditions(datasetId: 1), window: window)
                }
            },
            sqlite: ["SEARCH f USING INDEX qualityFlag_on_datasetId (datasetId=?)"]),
        PlannedRequest(
            name: "datasetIdsHoldingFlags", run: { _ = try $0.datasetIdsHoldingFlags(FlagConditions(state: .open)) },
            sqlite: ["SEARCH f USING COVERING INDEX qualityFlag_on_datasetId_state (datasetId=? AND state=?)"]),
        PlannedRequest(
            name: "datasetIdsHoldingSamples", run: { _ = try $0.datasetIdsHoldingSamples(assay: "WGS") },
            sqlite: ["SEARCH p USING INDEX sample_on_assay (assay=?)"]),
        PlannedRequest(
            name: "auditEvents page", run: { tx in
                _ = try tx.auditEvents(actor: "bob", newestFirst: true, offset: 200, limit: 200)
                _ = try tx.auditEventCount(actor: "bob", action: "flag.", since: nil)
            },
            sqlite: ["SEARCH auditEvent USING INDEX auditEvent_on_actor (actor=?)"]),
    ]

    @Test("Listing requests read through indexes", arguments: CatalogEngine.available)
    func plans(engine: CatalogEngine) throws {
        try engine.withCatalog { store throws in
            try store.read { tx throws in
                if tx.connection.dialect == .postgres {
                    try tx.connection.execute("SET LOCAL enable_seqscan = off", [], cached: false)
                }
                for request in Self.requests {
                    let lines = try Self.plan(request, tx)
                    let plan = "\(request.name):\n" + lines.joined(separator: "\n")
                    switch tx.connection.dialect {
                    case .sqlite:
                        for line in request.sqlite {
                            #expect(lines.contains(line), "missing \(line) in \(plan)")
                        }
                        for fragment in request.sqliteNever {
                            #expect(!lines.contains { $0.contains(fragment) }, "\(fragment) in \(plan)")
                        }
                        // A full scan of a table (not of a derived table the statement sorts itself).
                        // `target` and `CONSTANT ROW`: the one row whose position a listing counts.
                        let scans = lines.filter {
                            $0.hasPrefix("SCAN ") && !$0.contains("INDEX") && !$0.hasPrefix("SCAN (subquery-")
                        }
                        let derived: Set = [
                            "SCAN ms", "SCAN fs", "SCAN sn", "SCAN vz", "SCAN fo", "SCAN target", "SCAN CONSTANT ROW",
                        ]
                        #expect(scans.allSatisfy(derived.contains), "\(plan)")
                    case .postgres:
                        for fragment in request.postgres {
                            #expect(lines.contains { $0.contains(fragment) }, "missing \(fragment) in \(plan)")
                        }
                        #expect(!lines.contains { $0.contains("Seq Scan") }, "\(plan)")
                    }
                }
            }
        }
    }

    @Test(
        "PostgreSQL sessions compile no statement to machine code (JIT)",
        arguments: CatalogEngine.available.filter { $0 == .postgres })
    func noJIT(engine: CatalogEngine) throws {
        try engine.withCatalog { store throws in
            try store.read { tx throws in
                #expect(try tx.connection.fetchValue(String.self, "SELECT current_setting('jit')", []) == "off")
            }
        }
    }

    /// The plan lines of every statement `request` runs in `tx`.
    private static func plan(_ request: PlannedRequest, _ tx: CatalogTransaction) throws -> [String] {
        let recorder = RecordingConnection(tx.connection)
        try request.run(CatalogTransaction(connection: recorder))
        var lines: [String] = []
        for statement in recorder.statements {
            switch tx.connection.dialect {
            case .sqlite:
                let explain = "EXPLAIN QUERY PLAN " + statement.sql
                try tx.connection.visitRows(explain, statement.arguments, cached: false) { row in
                    lines.append(row["detail"])
                    return true
                }
            case .postgres:
                lines += try tx.connection.fetchValues(String.self, "EXPLAIN " + statement.sql, statement.arguments)
            }
        }
        return lines
    }
}
