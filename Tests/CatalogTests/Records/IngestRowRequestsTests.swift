import Foundation
import Testing

@testable import Catalog

/// The row-level requests ingest runs per file (series, samples, dataset files), on each engine.
@Suite struct IngestRowRequestsTests {
    static let now = Date(timeIntervalSince1970: 1_780_000_000)

    @Test("Series are found by UID, count their instances and list their objects by instance number",
        arguments: CatalogEngine.available)
    func series(engine: CatalogEngine) throws {
        try engine.withCatalog { store throws in
            try store.write { tx throws in
                var dataset = Dataset(name: "ct", zone: "raw", owner: "ana", createdAt: Self.now)
                try tx.insert(&dataset)
                var study = Study(datasetId: try #require(dataset.id), studyInstanceUID: "1.2")
                try tx.insert(&study)
                let studyId = try #require(study.id)
                var series = Series(
                    datasetId: try #require(dataset.id), studyId: studyId, seriesInstanceUID: "1.2.3", modality: "CT",
                    instanceCount: 0)
                try tx.insert(&series)
                let seriesId = try #require(series.id)
                #expect(try tx.seriesId(studyId: studyId, uid: "1.2.3") == seriesId)
                #expect(try tx.seriesId(studyId: studyId, uid: "1.2.9") == nil)
                #expect(try tx.seriesUIDs(studyId: studyId) == ["1.2.3"])
                var objects: [Int64] = []
                for (index, number) in [3, 1, 2].enumerated() {
                    let objectId = try tx.storedObjectId(
                        sha256: String(repeating: Character(String(index)), count: 64), size: 1, tier: "hot", at: Self.now)
                    var instance = Instance(
                        seriesId: seriesId, objectId: objectId, sopInstanceUID: "1.2.3.\(number)", instanceNumber: number)
                    try tx.insert(&instance)
                    objects.append(objectId)
                }
                try tx.addInstances(3, seriesId: seriesId)
                try tx.addInstances(2, seriesId: seriesId)
                #expect(try tx.connection.fetchValue(Int.self, "SELECT instanceCount FROM series") == 5)
                #expect(try tx.objectIds(seriesId: seriesId, limit: 2) == [objects[1], objects[2]])
            }
        }
    }

    @Test("A sample keeps the facts it has and takes the ones it lacks", arguments: CatalogEngine.available)
    func samples(engine: CatalogEngine) throws {
        try engine.withCatalog { store throws in
            try store.write { tx throws in
                var dataset = Dataset(name: "wgs", zone: "raw", owner: "ana", createdAt: Self.now)
                try tx.insert(&dataset)
                let datasetId = try #require(dataset.id)
                var sample = Sample(datasetId: datasetId, name: "S1", assay: "WGS")
                try tx.insert(&sample)
                let id = try #require(sample.id)
                #expect(try tx.sampleId(datasetId: datasetId, name: "S1") == id)
                #expect(try tx.sampleId(datasetId: datasetId, name: "s1") == nil)
                try tx.fillFacts(
                    ofSample: id,
                    from: Sample(datasetId: datasetId, name: "S1", assay: "RNA", platform: "ILLUMINA", aligner: "bwa"))
                let filled = try #require(try tx.connection.fetchOne(Sample.self, "SELECT * FROM sample WHERE id = ?", [id]))
                #expect(filled.assay == "WGS" && filled.platform == "ILLUMINA" && filled.aligner == "bwa")
                #expect(filled.variantCaller == nil)
            }
        }
    }

    @Test("A dataset holds an object once; a path's exact bytes round-trip", arguments: CatalogEngine.available)
    func datasetFiles(engine: CatalogEngine) throws {
        try engine.withCatalog { store throws in
            try store.write { tx throws in
                var dataset = Dataset(name: "files", zone: "raw", owner: "ana", createdAt: Self.now)
                try tx.insert(&dataset)
                let datasetId = try #require(dataset.id)
                let objectId = try tx.storedObjectId(sha256: String(repeating: "e", count: 64), size: 1, tier: "hot", at: Self.now)
                // A file name that is not UTF-8, with a backslash and an `x` (the text form of bytea escapes).
                let bytes = Data([0x61, 0xFF, 0xFE, 0x7F, 0x80, 0x5C, 0x78])
                let file = DatasetFile(
                    datasetId: datasetId, objectId: objectId, path: "a\\xFF", pathBytes: bytes, format: "DICOM",
                    ingestedAt: Self.now)
                #expect(try tx.insertIfNew(file))
                #expect(try !tx.insertIfNew(file))
                #expect(try tx.fileCount(datasetId: datasetId) == 1)
                #expect(try tx.objectHashes(datasetId: datasetId) == [String(repeating: "e", count: 64)])
                let stored = try #require(
                    try tx.connection.fetchOne(DatasetFile.self, "SELECT * FROM datasetFile WHERE datasetId = ?", [datasetId]))
                #expect(stored.pathBytes == bytes)
                #expect(stored.ingestedAt == Self.now)
            }
        }
    }
}
