import Foundation
import Synchronization
import TestSupport
import Testing

/// `audit list --follow` on a lake whose catalog is on PostgreSQL: the follower's change watcher listens
/// for the catalog's notifications, so an event another process appends is printed as it commits.
@Suite(.serialized, .enabled(if: TestPostgres.available)) struct AuditFollowOnPostgresCLITests {
    @Test func followPrintsAnEventAnotherProcessAppends() throws {
        let lake = try PostgresCLILake("follow-pg")
        defer { lake.remove() }
        try lake.ingestOneFile(into: "d1")

        let (follower, output, _) = try lake.start(["audit", "list", "--follow", "--json"])
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
        let added = try lake.run(["flags", "add", "d1", "needs-review", "--note", "live on postgres"])
        #expect(added.status == 0, "\(added.stderr)")
        #expect(
            TierLayout.waitUntil { lines.withLock { $0.contains("live on postgres") } },
            "the flag never came: \(lines.withLock { $0 })")
        #expect(follower.isRunning, "following goes on after an event")
    }
}
