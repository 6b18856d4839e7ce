import Foundation
import Synchronization
import Testing

/// Live changes through the lake service (`GET /v1/events`, server-sent events): `audit list --follow`
/// as a curator prints an event another user's command appended, without polling the catalog file it
/// cannot open; a user with no role gets no stream, from the CLI or with curl.
@Suite(.serialized, .enabled(if: UnixUsers.available, "needs root to create Unix users"))
struct ServiceEventsCLITests {
    @Test func auditFollowPrintsEventsAppendedThroughTheService() throws {
        let served = try ServedLake()
        let (follower, output, _) = try MedLakeProcess.start(
            ["audit", "list", "--follow", "--json", "--lake", served.lake], as: served.alice, binary: served.binary)
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
        // The stream opens before the first read, so once the existing events are printed the follower
        // is subscribed: a flag added after that must come through.
        try #require(waitFor { lines.withLock { $0.contains("\"action\":\"ingest\"") } }, "no initial events: \(lines.withLock { $0 })")
        let study = try studyUID(served)
        let added = try served.medlake(["flags", "add", study, "needs-review", "--note", "live"], as: served.bob)
        #expect(added.status == 0, "\(added.stderr)")
        try #require(waitFor { lines.withLock { $0.contains("\"action\":\"flag.add\"") } }, "the flag never came: \(lines.withLock { $0 })")
        let flagLine = try #require(lines.withLock { $0 }.split(separator: "\n").first { $0.contains("\"action\":\"flag.add\"") })
        let entry = try JSONDecoder().decode(EntryJSON.self, from: Data(flagLine.utf8))
        #expect(entry.actor == served.bob && entry.target == study)
        #expect(follower.isRunning, "following goes on after an event")
    }

    @Test func migrateStatusWatchRedrawsOnTheCancelAndEnds() throws {
        let served = try ServedLake()
        let queued = try served.medlake(["migrate", "start", "ct", "--to", "warm", "--json"], as: "root")
        let job = try JSONDecoder().decode(JobJSON.self, from: Data(queued.stdout.utf8))
        let (watcher, output, _) = try MedLakeProcess.start(
            ["migrate", "status", String(job.id), "--watch", "--json", "--lake", served.lake], as: served.bob,
            binary: served.binary)
        defer {
            if watcher.isRunning { watcher.terminate() }
            watcher.waitUntilExit()
        }
        let text = Mutex("")
        DispatchQueue.global().async {
            while true {
                let data = output.fileHandleForReading.availableData
                if data.isEmpty { break }
                text.withLock { $0 += String(decoding: data, as: UTF8.self) }
            }
        }
        // The first table is drawn after the watch began, so the cancel below is a change it sees.
        try #require(waitFor { text.withLock { $0.contains("\"queued\"") } }, "no first table: \(text.withLock { $0 })")
        #expect(watcher.isRunning, "a queued job keeps the watch going")
        let cancelled = try served.medlake(["migrate", "cancel", String(job.id)], as: "root")
        #expect(cancelled.status == 0, "\(cancelled.stderr)")
        #expect(waitFor { !watcher.isRunning }, "the watch did not end with the job")
        #expect(text.withLock { $0.contains("\"cancelled\"") })
        #expect(watcher.terminationStatus == 0)
    }

    @Test func aUserWithoutARoleGetsNoStream() throws {
        let served = try ServedLake()
        let refused = try served.medlake(["audit", "list", "--follow", "--json"], as: served.carol)
        #expect(refused.status != 0)
        #expect(refused.stdout.isEmpty)
        let failure = try JSONDecoder().decode(FailureJSON.self, from: Data(refused.stderr.utf8))
        #expect(failure.code == "permissionDenied", "\(refused.stderr)")

        let curl = try served.tool(
            "/usr/bin/curl", ["-s", "--max-time", "60", "--unix-socket", served.socket, "http://lake/v1/events"], as: served.carol)
        let problem = try JSONDecoder().decode(ProblemJSON.self, from: Data(curl.stdout.utf8))
        #expect(problem.status == 403 && problem.code == "notPermitted", "\(curl.stdout)")
    }

    private func studyUID(_ served: ServedLake) throws -> String {
        let listed = try served.medlake(["studies", "ct", "--json"], as: served.alice)
        return try #require(try JSONDecoder().decode([StudyJSON].self, from: Data(listed.stdout.utf8)).first).studyInstanceUID
    }

    /// Polls `condition` every 50 ms for up to five minutes: a bound on a state, not a timing assumption.
    private func waitFor(_ condition: () -> Bool) -> Bool {
        let end = Date().addingTimeInterval(300)
        while Date() < end {
            if condition() { return true }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return condition()
    }
}
