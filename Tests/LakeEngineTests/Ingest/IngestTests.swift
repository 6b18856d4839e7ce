import Catalog
import Foundation
import Storage
import Testing

@testable import LakeEngine

@Suite struct IngestTests {
    let lake: TemporaryLake
    let input: String

    init() throws {
        lake = try TemporaryLake()
        input = try lake.inputFolder()
        for index in 0..<7 { try write("file \(index)", to: input + "/f\(index).bin") }
        try write("file 3", to: input + "/copy-of-f3.bin")
    }

    private func count(_ table: String) throws -> Int {
        try lake.owner.catalog.value(Int.self, "SELECT COUNT(*) FROM \(table)") ?? -1
    }

    @Test func reingestAddsNothingAndSaysSo() throws {
        let options = IngestOptions(keepUnknown: true, batchSize: 3)
        let first = try lake.owner.ingest([input], dataset: "d", options: options)
        #expect(first.filesSeen == 8)
        #expect(first.filesAdded == 7)
        #expect(first.filesAlreadyPresent == 1)
        #expect(first.objectsWritten == 7)
        #expect(first.byFormat == ["unknown": 7])
        let second = try lake.owner.ingest([input], dataset: "d", options: options)
        #expect(second.filesAdded == 0)
        #expect(second.filesAlreadyPresent == 8)
        #expect(second.objectsWritten == 0)
        #expect(second.addedNothing)
        #expect(try count("object") == 7)
        #expect(try count("datasetFile") == 7)
    }

    @Test func identicalFilesInOneBatchAreWrittenOnce() throws {
        let report = try lake.owner.ingest([input], dataset: "d", options: IngestOptions(keepUnknown: true))
        #expect(report.filesAdded == 7)
        #expect(report.filesAlreadyPresent == 1)
        #expect(report.objectsWritten == 7)
        #expect(report.bytesWritten == (0..<7).reduce(0) { $0 + Int64("file \($1)".utf8.count) })
        #expect(try FileManager.default.contentsOfDirectory(atPath: lake.root + "/tiers/hot/tmp").isEmpty)
    }

    @Test func eachBatchCommitsWithItsAuditEvent() throws {
        _ = try lake.owner.ingest([input], dataset: "d", options: IngestOptions(keepUnknown: true, batchSize: 3))
        let events = try lake.owner.auditEvents(AuditFilter(action: "ingest"))
        #expect(events.count == 3)
        let files = events.compactMap { event -> Int? in
            let details = try? JSONDecoder().decode([String: String].self, from: Data(event.details.utf8))
            return details?["files"].flatMap { Int($0) }
        }
        #expect(files.reduce(0, +) == 7)
        #expect(try lake.owner.auditEvents(AuditFilter(action: "dataset.create")).count == 1)
    }

    /// Batches overlap (one records while the next are read and published), so the same bytes in
    /// neighbouring batches must still count once.
    @Test(arguments: [1, 2, 3])
    func sameBytesInNeighbouringBatchesCountOnce(batchSize: Int) throws {
        let folder = try lake.inputFolder()
        for index in 0..<9 { try write("repeated \(index % 3)", to: folder + "/r\(index).bin") }
        let report = try lake.owner.ingest(
            [folder], dataset: "r", options: IngestOptions(keepUnknown: true, batchSize: batchSize))
        #expect(report.filesAdded == 3)
        #expect(report.filesAlreadyPresent == 6)
        #expect(report.objectsWritten == 3)
        #expect(try count("datasetFile") == 3)
        #expect(try count("object") == 3)
        #expect(try FileManager.default.contentsOfDirectory(atPath: lake.root + "/tiers/hot/tmp").isEmpty)
    }

    @Test func unknownFilesAreReportedNotStoredWithoutKeepUnknown() throws {
        let report = try lake.owner.ingest([input], dataset: "d")
        #expect(report.filesAdded == 0)
        #expect(report.errors.count == 8)
        #expect(report.errors.allSatisfy { $0.reason.contains("not recognized") || $0.reason.contains("format") })
        #expect(try count("object") == 0)
        let hot = lake.root + "/tiers/hot/objects"
        #expect(try FileManager.default.subpathsOfDirectory(atPath: hot).filter { $0.count > 3 }.isEmpty)
    }

    @Test func sameBytesInTwoDatasetsShareOneObject() throws {
        _ = try lake.owner.ingest([input], dataset: "a", options: IngestOptions(keepUnknown: true))
        let second = try lake.owner.ingest([input], dataset: "b", options: IngestOptions(keepUnknown: true))
        #expect(second.filesAdded == 7)
        #expect(second.objectsWritten == 0)
        #expect(try count("object") == 7)
        #expect(try count("datasetFile") == 14)
        #expect(try lake.owner.datasets().map(\.dataset.name) == ["a", "b"])
    }

    @Test func objectsLandInTheIngestTierUnderTheirHash() throws {
        _ = try lake.owner.ingest([input + "/f0.bin"], dataset: "d", options: IngestOptions(keepUnknown: true))
        let entries = try lake.owner.show("d")
        #expect(entries.first?.kind == .dataset)
        let object = try lake.owner.catalog.records(CatalogObject.self, "SELECT * FROM object").first
        let hash = try #require(object?.sha256)
        #expect(object?.tier == "hot")
        let shown = try #require(try lake.owner.show(hash).first)
        #expect(shown.kind == .object)
        #expect(shown.objects.first?.path == lake.root + "/tiers/hot/objects/" + hash.prefix(2) + "/" + hash.dropFirst(2))
        #expect(FileManager.default.contents(atPath: shown.objects.first?.path ?? "") == Data("file 0".utf8))
    }

    @Test func badDatasetNamesAreRejected() {
        for name in ["", "a/b", "x\u{1B}[2J", String(repeating: "n", count: 129)] {
            #expect(throws: DatasetNameError.self) { try lake.owner.ingest([input], dataset: name) }
        }
    }
}

@Suite struct IngestBatchingTests {
    private func entries(_ sizes: [Int64]) -> [FileWalker.Entry] {
        sizes.enumerated().map { FileWalker.Entry(path: SourcePath("f\($0.offset)"), size: $0.element) }
    }

    @Test func batchesAreBoundedByCountAndBytes() {
        let byCount = Lake.batches(entries(Array(repeating: 1, count: 7)), count: 3, bytes: 100)
        #expect(byCount.map(\.count) == [3, 3, 1])
        let byBytes = Lake.batches(entries([40, 40, 40, 500, 10]), count: 10, bytes: 100)
        #expect(byBytes.map(\.count) == [2, 1, 1, 1])
        #expect(Lake.batches([], count: 3, bytes: 100).isEmpty)
    }
}

@Suite struct StreamingIngestTests {
    @Test func largeFilesAreStreamedAndNotCopiedAgain() throws {
        let lake = try TemporaryLake()
        let input = try lake.inputFolder()
        let bytes = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 13 &+ $0 >> 7) }
        try Data(bytes).write(to: URL(fileURLWithPath: input + "/big.bin"))
        let options = IngestOptions(keepUnknown: true, inMemoryLimit: 1024)
        let first = try lake.owner.ingest([input], dataset: "a", options: options)
        #expect(first.objectsWritten == 1)
        #expect(first.bytesWritten == 300_000)
        let second = try lake.owner.ingest([input], dataset: "a", options: options)
        #expect(second.filesAlreadyPresent == 1)
        let other = try lake.owner.ingest([input], dataset: "b", options: options)
        #expect(other.filesAdded == 1)
        #expect(other.objectsWritten == 0)
        let stored = try #require(try lake.owner.show(ContentHasher.digest(of: bytes).hex).first?.objects.first)
        #expect(FileManager.default.contents(atPath: stored.path) == Data(bytes))
    }
}

/// An object moved out of the ingest tier by a migration is not written back into it by a later ingest.
@Suite struct IngestPlacementTests {
    @Test func reingestOfAMigratedObjectWritesNothing() async throws {
        let lake = try TemporaryLake()
        let input = try lake.inputFolder()
        for index in 0..<3 { try write("scan \(index)", to: input + "/s\(index).bin") }
        let options = IngestOptions(keepUnknown: true)
        _ = try lake.owner.ingest([input], dataset: "a", options: options)
        _ = try lake.owner.queueMigration("a", to: "warm")
        #expect(try await MigrationWorker(lake: lake.owner).runNextJob()?.state == .done)
        let hot = lake.root + "/tiers/hot/objects"
        func hotFiles() throws -> [String] {
            try FileManager.default.subpathsOfDirectory(atPath: hot).filter { $0.count > 3 }
        }
        #expect(try hotFiles().isEmpty)
        let placements = try lake.placements()
        #expect(Set(placements.values) == ["warm"])
        let rows = { () throws -> [Int] in
            try ["object", "datasetFile", "auditEvent"].map { table in
                try lake.owner.catalog.value(Int.self, "SELECT COUNT(*) FROM \(table)") ?? -1
            }
        }
        let before = try rows()

        let again = try lake.owner.ingest([input], dataset: "a", options: options)
        #expect(again.filesAdded == 0)
        #expect(again.objectsWritten == 0)
        #expect(try rows() == before)

        let other = try lake.owner.ingest([input], dataset: "b", options: options)
        #expect(other.filesAdded == 3)
        #expect(other.objectsWritten == 0)
        #expect(other.objectsAlreadyStored == 3)
        #expect(try hotFiles().isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: lake.root + "/tiers/hot/tmp").isEmpty)
        #expect(try lake.placements() == placements)
    }

    @Test func largeFileOfAMigratedObjectIsNotStreamedBack() async throws {
        let lake = try TemporaryLake()
        let input = try lake.inputFolder()
        try write(String(repeating: "large scan ", count: 200), to: input + "/big.bin")
        _ = try lake.owner.ingest([input], dataset: "a", options: IngestOptions(keepUnknown: true))
        _ = try lake.owner.queueMigration("a", to: "cold")
        #expect(try await MigrationWorker(lake: lake.owner).runNextJob()?.state == .done)
        let streamed = IngestOptions(keepUnknown: true, inMemoryLimit: 16)
        let other = try lake.owner.ingest([input], dataset: "b", options: streamed)
        #expect(other.filesAdded == 1)
        #expect(other.objectsWritten == 0)
        #expect(other.objectsAlreadyStored == 1)
        let hot = lake.root + "/tiers/hot/objects"
        #expect(try FileManager.default.subpathsOfDirectory(atPath: hot).filter { $0.count > 3 }.isEmpty)
    }
}
