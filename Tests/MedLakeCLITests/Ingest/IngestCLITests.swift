import Foundation
import Testing

/// `medlake ingest` as a user sees it: summary, exit status, idempotence.
@Suite struct IngestCLITests {
    @Test func summaryExitStatusAndRerun() throws {
        let base = NSTemporaryDirectory() + "ingest-cli-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: base) }
        #expect(try MedLakeProcess.run(["dicom", "generate", "--count", "3", "--output", base + "/in"]).status == 0)
        try Data("plain text\u{1B}[2J".utf8).write(to: URL(fileURLWithPath: base + "/in/notes\u{1B}[31m.txt"))
        let lake = base + "/lake"
        #expect(try MedLakeProcess.run(["init", lake]).status == 0)

        let first = try MedLakeProcess.run(["ingest", base + "/in", "--dataset", "cli", "--lake", lake])
        #expect(first.status == 3)
        #expect(first.stdout.contains("new: 3  already present: 0"))
        #expect(first.stdout.contains("by format: DICOM 3"))
        #expect(first.stdout.contains("errors: 1"))
        #expect(first.stdout.contains("notes^[[31m.txt: format not recognized"))
        #expect(!first.stdout.contains("\u{1B}"))
        #expect(first.stderr.isEmpty)

        let datasets = try MedLakeProcess.run(["datasets", "--lake", lake, "--json"])
        #expect(datasets.stdout.contains("\"instanceCount\" : 3"))

        try FileManager.default.removeItem(atPath: base + "/in/notes\u{1B}[31m.txt")
        let again = try MedLakeProcess.run(["ingest", base + "/in", "--dataset", "cli", "--lake", lake])
        #expect(again.status == 0)
        #expect(again.stdout.contains("Nothing new: the dataset already holds all 3 files."))

        let missing = try MedLakeProcess.run(["ingest", base + "/nowhere", "--dataset", "cli", "--lake", lake])
        #expect(missing.status == 1)
        #expect(missing.stdout.contains("No files found."))
        #expect(missing.stdout.contains("cannot stat"))
    }
}
