import Foundation
import Testing

/// A `medlake ingest` killed while it writes a large object leaves its in-flight file in the ingest
/// tier; the next `medlake worker` removes it at start, at once (the file's name proves its writer dead),
/// and `fsck` then finds no temporary file.
@Suite(.serialized)
struct KilledIngestLeftoversCLITests {
    @Test func aKilledIngestsFileIsGoneAtTheNextWorkerStart() throws {
        let base = NSTemporaryDirectory() + "killed-ingest-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: base) }
        let input = base + "/input"
        try FileManager.default.createDirectory(atPath: input, withIntermediateDirectories: true)
        var generator = SplitMix(seed: 5)
        let chunk = Data((0..<(1 << 20)).map { _ in UInt8(truncatingIfNeeded: generator.next()) })
        #expect(FileManager.default.createFile(atPath: input + "/large.bin", contents: nil))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: input + "/large.bin"))
        for index in 0..<256 { handle.write(chunk + Data([UInt8(truncatingIfNeeded: index)])) }
        try handle.close()
        let lake = base + "/lake"
        #expect(try MedLakeProcess.run(["init", lake]).status == 0)
        let temporary = lake + "/tiers/hot/tmp"
        func partials() -> [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: temporary)) ?? []).filter { $0.hasSuffix(".partial") }
        }

        let (ingest, _, _) = try MedLakeProcess.start(["ingest", input, "--dataset", "d", "--keep-unknown", "--lake", lake])
        // Wait for the in-flight file (bounded; the event, not a duration, ends the wait).
        for _ in 0..<120_000 where ingest.isRunning && partials().isEmpty { usleep(500) }
        kill(ingest.processIdentifier, SIGKILL)
        ingest.waitUntilExit()
        let left = partials()
        for name in left { #expect(name.contains("-p\(ingest.processIdentifier)-"), "\(name) names its writer") }

        let worker = try MedLakeProcess.run(["worker", "--until-idle", "--lake", lake])
        #expect(worker.status == 0, "\(worker.stderr)")
        #expect(partials().isEmpty, "left by the killed ingest: \(left)")
        let fsck = try MedLakeProcess.run(["fsck", "--lake", lake])
        #expect(!fsck.stdout.contains("temporaryFile"), "\(fsck.stdout)")
    }
}
