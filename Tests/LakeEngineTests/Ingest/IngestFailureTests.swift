import Catalog
import Foundation
import Testing

@testable import LakeEngine

/// An ingest says how it went: no dataset is left behind when no file succeeded, and a partial failure
/// keeps what succeeded and names each file that did not.
@Suite struct IngestFailureTests {
    let lake: TemporaryLake
    let input: String

    init() throws {
        lake = try TemporaryLake()
        input = try lake.inputFolder()
    }

    private func datasetNames() throws -> [String] {
        try lake.owner.catalog.values(String.self, "SELECT name FROM dataset ORDER BY id")
    }

    @Test func anIngestInWhichNoFileSucceedsCreatesNoDataset() throws {
        try write("not a known format", to: input + "/notes.txt")
        try write("nor this", to: input + "/more.txt")
        let report = try lake.owner.ingest([input, input + "/missing.dcm"], dataset: "empty")
        #expect(report.result == .failed)
        #expect(report.filesAdded == 0)
        #expect(!report.datasetCreated)
        #expect(Set(report.errors.map { URL(fileURLWithPath: $0.path).lastPathComponent })
            == ["notes.txt", "more.txt", "missing.dcm"])
        #expect(report.errors.first { $0.path.hasSuffix("missing.dcm") }?.reason.contains("No such file") == true)
        #expect(try datasetNames().isEmpty)
        #expect(try lake.owner.auditEvents(AuditFilter(action: "dataset.create")).isEmpty)
    }

    @Test func aPartialFailureKeepsTheSuccessesAndNamesEachFailure() throws {
        try write("kept", to: input + "/kept.bin")
        try write("x", to: input + "/unknown.txt")
        let report = try lake.owner.ingest(
            [input + "/kept.bin", input + "/nowhere"], dataset: "partial", options: IngestOptions(keepUnknown: true))
        #expect(report.result == .partial)
        #expect(report.filesAdded == 1)
        #expect(report.datasetCreated)
        #expect(report.errors.map(\.path) == [input + "/nowhere"])
        #expect(try datasetNames() == ["partial"])
    }

    @Test func aFailedRunIntoAnExistingDatasetLeavesIt() throws {
        try write("first", to: input + "/first.bin")
        _ = try lake.owner.ingest([input + "/first.bin"], dataset: "d", options: IngestOptions(keepUnknown: true))
        let report = try lake.owner.ingest([input + "/gone.bin"], dataset: "d")
        #expect(report.result == .failed)
        #expect(!report.datasetCreated)
        #expect(try datasetNames() == ["d"])
        let again = try lake.owner.ingest([input + "/first.bin"], dataset: "d")
        #expect(again.result == .complete)
    }

    @Test func aNameThatIsNotUTF8IsIngestedAndKeptLossless() throws {
        let path = SourcePath(input).appending(component: Array("scan-".utf8) + [0xFF, 0xFE] + Array(".bin".utf8))
        let descriptor = path.withCString { open($0, O_WRONLY | O_CREAT | O_EXCL, 0o600) }
        #expect(descriptor >= 0)
        #expect(write(descriptor, "payload", 7) == 7)
        close(descriptor)

        let report = try lake.owner.ingest([input], dataset: "raw", options: IngestOptions(keepUnknown: true))
        #expect(report.result == .complete, "\(report.errors)")
        #expect(report.filesAdded == 1)
        let row = try #require(try lake.owner.catalog.rows("SELECT path, pathBytes FROM datasetFile").first)
        #expect(row["path"] as String == input + "/scan-\\xFF\\xFE.bin")
        #expect(row["pathBytes"] as Data? == Data(path.bytes))
    }
}
