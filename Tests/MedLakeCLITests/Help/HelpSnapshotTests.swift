import Foundation
import Testing

/// The full `--help` text of the lake commands, against golden files in `Snapshots/`.
/// Run with `RECORD_SNAPSHOTS=1` to rewrite them (the run then fails, so a recording is never silent).
@Suite struct HelpSnapshotTests {
    static let snapshots = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")

    @Test(arguments: [["ingest"], ["flags", "waive"], ["audit", "verify"], ["init"], ["serve"], ["worker"], ["catalog", "copy"]])
    func helpMatchesSnapshot(_ command: [String]) throws {
        let result = try MedLakeProcess.run(command + ["--help"], environment: ["COLUMNS": "100"])
        #expect(result.status == 0)
        let file = Self.snapshots.appendingPathComponent(command.joined(separator: "-") + "-help.txt")
        if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] != nil {
            try Data(result.stdout.utf8).write(to: file)
            Issue.record("recorded \(file.lastPathComponent); run again without RECORD_SNAPSHOTS")
            return
        }
        let expected = try String(contentsOf: file, encoding: .utf8)
        #expect(result.stdout == expected)
    }
}
