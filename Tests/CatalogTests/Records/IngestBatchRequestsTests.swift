import Foundation
import Testing

@testable import Catalog

/// Ingest's whole-batch requests (objects, dataset files, instances) on each engine: one statement per
/// request on PostgreSQL, the one-row requests in turn on SQLite, with the same outcome.
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
