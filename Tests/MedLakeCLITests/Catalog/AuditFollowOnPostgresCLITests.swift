import Foundation
import Synchronization
import TestSupport
import Testing

/// `audit list --follow` on a lake whose catalog is on PostgreSQL: the follower's change watcher listens
/// for the catalog's notifications, so an event another process appends is printed as it commits.
@Suite(.serialized, .enabled(if: TestPostgres.available)) struct AuditFollowOnPostgresCLITests {
    @Test func followPrintsAnEventAnotherProcessAppends() throws {
        let base = NSTemporaryDirectory() + "follow-pg-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: base + "/input", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: base) }
        let postgres = try TestPostgres()
        defer { postgres.drop() }
        let environment = postgres.passwordEnvironment
        let lake = base + "/lake"
        let created = try MedLakeProcess.run(["init", lake, "--catalog", postgres.url], environment: environment)
        try #require(created.status == 0, "\(created.stderr)")
        try Data("payload".utf8).write(to: URL(fileURLWithPath: base + "/input/a.bin"))
        let ingested = try MedLakeProcess.run(
            ["ingest", base + "/input", "--dataset", "d1", "--keep-unknown", "--lake", lake], environment: environment)
        try #require(ingested.status == 0, "\(ingested.stderr)")

        let (follower, output, _) = try MedLakeProcess.start(
            ["audit", "list", "--follow", "--json", "--lake", lake], environment: environment)
        defer {
            follower.terminate()
            follower.waitUntilExit()
        }
        let lines = Mutex("")
        DispatchQueue.global().async {
            while true {
                let data = output.fileHandleForReading.availableData
                if data.isEmpty { break }
                lines.withLock { $0 += String(decoding: data, as: UTF8.self) }
            }
        }
        // The watch starts before the first read, so once the existing events are printed the follower
        // listens: a flag added after that must come through.
        try #require(
            TierLayout.waitUntil { lines.withLock { $0.contains("\"action\":\"ingest\"") } },
            "no initial events: \(lines.withLock { $0 })")
        let added = try MedLakeProcess.run(
            ["flags", "add", "d1", "needs-review", "--note", "live on postgres", "--lake", lake], environment: environment)
        #expect(added.status == 0, "\(added.stderr)")
        #expect(
            TierLayout.waitUntil { lines.withLock { $0.contains("live on postgres") } },
            "the flag never came: \(lines.withLock { $0 })")
        #expect(follower.isRunning, "following goes on after an event")
    }
}
