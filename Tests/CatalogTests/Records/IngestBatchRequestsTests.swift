import Foundation
import Testing

@testable import Catalog

/// Ingest's whole-batch requests (objects, dataset files, studies, series, instances, instance counts, rule
/// flags) on each engine: a fixed number of statements per request on PostgreSQL, the one-row requests in
/// turn on SQLite, with the same rows.
@Suite struct IngestBatchRequestsTests {
    static let now = Date(timeIntervalSince1970: 1_780_000_000)

    static func hash(_ digit: Int) -> String { String(repeating: String(digit), count: 64) }

    /// A new dataset named `name`; its id.
    static func dataset(_ name: String, _ tx: CatalogTransaction) throws -> Int64 {
        var dataset = Dataset(name: name, zone: "raw", owner: "ana", createdAt: now)
        try tx.insert(&dataset)
        return try #require(dataset.id)
    }

    @Test("A batch naming objects twice, and objects the catalog holds, adds each file once", arguments: CatalogEngine.available)
    func duplicates(engine: CatalogEngine) throws {
        try engine.withCatalog { store throws in
            try store.write { tx throws in
                let datasetId = try Self.dataset("ct", tx)
                let held = try tx.storedObjectId(sha256: Self.hash(1), size: 10, tier: "hot", at: Self.now)
                let deleted = try tx.storedObjectId(sha256: Self.hash(2), size: 20, tier: "cold", at: Self.now)
                try tx.connection.execute("UPDATE object SET state = 'deleted' WHERE id = ?", [deleted], cached: false)
                #expect(try tx.insertIfNew(DatasetFile(datasetId: datasetId, objectId: held, path: "old", format: "DICOM", ingestedAt: Self.now)))

                let ids = try tx.storedObjectIds(
                    sizes: [Self.hash(1): 10, Self.hash(2): 20, Self.hash(3): 30], tier: "hot", at: Self.now)
                #expect(ids[Self.hash(1)] == held && ids[Self.hash(2)] == deleted && ids.count == 3)
                // The deleted object comes back present in the batch's tier; the live one keeps its row.
                #expect(try tx.object(sha256: Self.hash(2))?.state == .present)
                #expect(try tx.object(sha256: Self.hash(2))?.tier == "hot")
                let new = try #require(ids[Self.hash(3)])

                // Paths with the characters an array literal quotes, raw bytes, and no bytes.
                let paths = [#"a "quoted", {braced} \ path"#, "b/c", "d, e", "NULL"]
                let files = [new, new, held, deleted].enumerated().map { index, objectId in
                    DatasetFile(
                        datasetId: datasetId, objectId: objectId, path: paths[index],
                        pathBytes: index == 0 ? Data([0xff, 0x00, 0x5c, 0x22]) : nil, format: "DICOM",
                        ingestedAt: Self.now)
                }
                #expect(try tx.insertIfNew(files) == [true, false, false, true])
                let stored = try tx.connection.fetchAll(
                    DatasetFile.self, "SELECT * FROM datasetFile WHERE datasetId = ? ORDER BY path", [datasetId])
                #expect(stored.map(\.path) == ["NULL", #"a "quoted", {braced} \ path"#, "old"])
                #expect(stored.first { $0.objectId == new }?.pathBytes == Data([0xff, 0x00, 0x5c, 0x22]))
                #expect(stored.first { $0.objectId == deleted }?.pathBytes == nil)
                #expect(try tx.insertIfNew([]) == [])
                #expect(try tx.storedObjectIds(sizes: [:], tier: "hot", at: Self.now).isEmpty)
            }
        }
    }

    @Test("A batch's instances across several studies and series go in at once", arguments: CatalogEngine.available)
    func severalSeries(engine: CatalogEngine) throws {
        try engine.withCatalog { store throws in
            try store.write { tx throws in
                let datasetId = try Self.dataset("ct", tx)
                let otherId = try Self.dataset("mr", tx)
                var instances: [Instance] = []
                for studyIndex in 1...2 {
                    var study = Study(datasetId: datasetId, studyInstanceUID: "1.\(studyIndex)")
                    try tx.insert(&study)
                    for seriesIndex in 1...2 {
                        var series = Series(
                            datasetId: datasetId, studyId: try #require(study.id),
                            seriesInstanceUID: "1.\(studyIndex).\(seriesIndex)", modality: "CT", instanceCount: 0)
                        try tx.insert(&series)
                        for number in 1...3 {
                            let objectId = try tx.storedObjectId(
                                sha256: "\(studyIndex)\(seriesIndex)\(number)" + Self.hash(0).dropFirst(3), size: 1,
                                tier: "hot", at: Self.now)
                            instances.append(
                                Instance(
                                    seriesId: try #require(series.id), objectId: objectId,
                                    sopInstanceUID: "1.\(studyIndex).\(seriesIndex).\(number)",
                                    sopClassUID: number == 2 ? nil : "1.2.840", instanceNumber: number,
                                    rows: 512, columns: number == 3 ? nil : 256, frames: nil,
                                    imagePosition: "0\\0\\\(number)", pixelSpacing: "0.5\\0.5"))
                        }
                    }
                }
                try tx.insertInstances(instances)
                let uids = instances.map(\.sopInstanceUID)
                let found = try tx.instanceObjectIds(datasetId: datasetId, sopInstanceUIDs: uids + ["9.9"])
                #expect(found == Dictionary(uniqueKeysWithValues: instances.map { ($0.sopInstanceUID, $0.objectId) }))
                #expect(try tx.instanceObjectIds(datasetId: otherId, sopInstanceUIDs: uids).isEmpty)
                let series = try tx.instances(datasetId: datasetId, seriesUID: "1.2.1")
                #expect(series.map(\.sopInstanceUID) == ["1.2.1.1", "1.2.1.2", "1.2.1.3"])
                #expect(series.map(\.sopClassUID) == ["1.2.840", nil, "1.2.840"])
                #expect(series.map(\.columns) == [256, 256, nil])
                #expect(series.last?.imagePosition == "0\\0\\3" && series.last?.pixelSpacing == "0.5\\0.5")
            }
        }
    }

    @Test("A batch's new and existing studies and series: first facts win, ids in order", arguments: CatalogEngine.available)
    func studiesAndSeries(engine: CatalogEngine) throws {
        try engine.withCatalog { store throws in
            try store.write { tx throws in
                let datasetId = try Self.dataset("ct", tx)
                let otherId = try Self.dataset("mr", tx)
                var held = Study(datasetId: datasetId, studyInstanceUID: "1", patientPseudonym: "old")
                try tx.insert(&held)
                let heldId = try #require(held.id)
                var heldSeries = Series(
                    datasetId: datasetId, studyId: heldId, seriesInstanceUID: "1.1", modality: "MR", instanceCount: 5)
                try tx.insert(&heldSeries)
                let heldSeriesId = try #require(heldSeries.id)

                let studyIds = try tx.studyIds(insertingNew: [
                    Study(datasetId: datasetId, studyInstanceUID: "2", patientPseudonym: "first", studyDate: "20240101"),
                    Study(datasetId: datasetId, studyInstanceUID: "1", patientPseudonym: "new"),
                    Study(datasetId: datasetId, studyInstanceUID: "2", patientPseudonym: "later"),
                    Study(datasetId: otherId, studyInstanceUID: "1", description: "another dataset's"),
                ])
                // New rows take the next ids in order, none spent on the studies found.
                #expect(studyIds == [heldId + 1, heldId, heldId + 1, heldId + 2])
                let studies = try tx.connection.fetchAll(Study.self, "SELECT * FROM study ORDER BY id", [])
                #expect(studies.map(\.patientPseudonym) == ["old", "first", nil])
                #expect(studies.map(\.studyDate) == [nil, "20240101", nil])
                #expect(studies.last?.datasetId == otherId && studies.last?.description == "another dataset's")

                let newStudyId = studyIds[0]
                let seriesIds = try tx.seriesIds(insertingNew: [
                    Series(datasetId: datasetId, studyId: heldId, seriesInstanceUID: "1.1", modality: "CT", instanceCount: 0),
                    Series(
                        datasetId: datasetId, studyId: newStudyId, seriesInstanceUID: "1.1", modality: "PT",
                        bodyPart: "CHEST", instanceCount: 0, frameOfReferenceUID: "9.9"),
                    Series(datasetId: datasetId, studyId: heldId, seriesInstanceUID: "1.2", modality: "SR", instanceCount: 0),
                    Series(datasetId: datasetId, studyId: newStudyId, seriesInstanceUID: "1.1", modality: "OT", instanceCount: 0),
                ])
                #expect(seriesIds == [heldSeriesId, heldSeriesId + 1, heldSeriesId + 2, heldSeriesId + 1])
                try tx.addInstances([heldSeriesId: 2, heldSeriesId + 1: 3])
                let series = try tx.connection.fetchAll(Series.self, "SELECT * FROM series ORDER BY id", [])
                #expect(series.map(\.modality) == ["MR", "PT", "SR"])
                #expect(series.map(\.instanceCount) == [7, 3, 0])
                #expect(series.map(\.studyId) == [heldId, newStudyId, heldId])
                #expect(series[1].bodyPart == "CHEST" && series[1].frameOfReferenceUID == "9.9" && series[0].bodyPart == nil)

                #expect(try tx.studyIds(insertingNew: []) == [])
                #expect(try tx.seriesIds(insertingNew: []) == [])
                try tx.addInstances([:])
            }
        }
    }

    @Test("A batch's rule flags: one per dataset, target and code, the first raise's", arguments: CatalogEngine.available)
    func ruleFlags(engine: CatalogEngine) throws {
        try engine.withCatalog { store throws in
            try store.write { tx throws in
                let datasetId = try Self.dataset("ct", tx)
                let otherId = try Self.dataset("mr", tx)
                #expect(
                    try tx.raiseRuleFlag(
                        datasetId: datasetId, targetKind: .series, target: "1.1", code: "phi-present", severity: .info,
                        note: "held", at: Self.now))
                func flag(_ datasetId: Int64, _ target: String, _ code: String, _ note: String) -> RuleFlag {
                    RuleFlag(
                        datasetId: datasetId, targetKind: .instance, target: target, code: code, severity: .blocking,
                        note: note)
                }
                let raised = try tx.raiseRuleFlags(
                    [
                        flag(datasetId, "1.1", "phi-present", "again"), flag(datasetId, "1.1.1", "phi-present", "first"),
                        flag(datasetId, "1.1.1", "phi-present", "second"), flag(datasetId, "1.1", "missing-required-tags", "new"),
                        flag(otherId, "1.1", "phi-present", "other dataset"),
                    ], at: Self.now)
                #expect(raised == [false, true, false, true, true])
                let flags = try tx.connection.fetchAll(QualityFlag.self, "SELECT * FROM qualityFlag ORDER BY id", [])
                #expect(flags.map(\.note) == ["held", "first", "new", "other dataset"])
                #expect(flags.map(\.targetKind) == [.series, .instance, .instance, .instance])
                #expect(flags.dropFirst().allSatisfy {
                    $0.state == .open && $0.source == .rule && $0.author == "medlake" && $0.severity == .blocking
                        && $0.createdAt == Self.now && $0.updatedAt == Self.now
                })
                #expect(try tx.raiseRuleFlags([], at: Self.now) == [])
            }
        }
    }

    @Test("A batch refused half-way leaves nothing of itself behind", arguments: CatalogEngine.available)
    func rollsBack(engine: CatalogEngine) throws {
        try engine.withCatalog { store throws in
            let seriesId = try store.write { tx throws in
                let datasetId = try Self.dataset("ct", tx)
                var study = Study(datasetId: datasetId, studyInstanceUID: "1")
                try tx.insert(&study)
                var series = Series(
                    datasetId: datasetId, studyId: try #require(study.id), seriesInstanceUID: "1.1", modality: "CT",
                    instanceCount: 0)
                try tx.insert(&series)
                return try #require(series.id)
            }
            CatalogTransaction.expectDuplicate(in: "instance") {
                try store.write { tx throws in
                    let ids = try tx.storedObjectIds(
                        sizes: [Self.hash(1): 1, Self.hash(2): 2], tier: "hot", at: Self.now)
                    let files = try [Self.hash(1), Self.hash(2)].map { hash in
                        DatasetFile(
                            datasetId: 1, objectId: try #require(ids[hash]), path: hash, format: "DICOM",
                            ingestedAt: Self.now)
                    }
                    #expect(try tx.insertIfNew(files) == [true, true])
                    // Two instances of one series with one SOP Instance UID: the unique key refuses the batch.
                    try tx.insertInstances(
                        files.map { Instance(seriesId: seriesId, objectId: $0.objectId, sopInstanceUID: "1.1.1") })
                }
            }
            try store.read { tx throws in
                for table in ["object", "datasetFile", "instance"] {
                    #expect(try tx.connection.fetchValue(Int.self, "SELECT COUNT(*) FROM \(table)") == 0)
                }
            }
        }
    }
}
