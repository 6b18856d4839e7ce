import Catalog
import Foundation
import TestSupport
import Testing

/// `kill -9` of a worker part-way: every object whose batch it switched stays switched and is never
/// copied again; the next worker resumes from them.
@Suite(.serialized)
struct KilledWorkerResumeCLITests {
    @Test func aKilledWorkerKeepsEverySwitchedObject() throws {
        let base = NSTemporaryDirectory() + "worker-kill-resume-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: base) }
        let lake = try TierLayout.makeLake(in: base, count: 40, size: 24_000)
        let layout = TierLayout(lake: lake)
        #expect(try MedLakeProcess.run(["migrate", "d", "--to", "warm", "--lake", lake]).status == 0)

        // 1 MB at 0.1 MB/s: ten seconds at least, so the job is still running when five objects are switched.
        let (worker, _, _) = try MedLakeProcess.start(
            ["worker", "--throttle", "0.1", "--lease", "1", "--lake", lake])
        let switched = try TierLayout.waitUntil { try Self.doneItems(lake).count >= 5 || !worker.isRunning }
        kill(worker.processIdentifier, SIGKILL)
        worker.waitUntilExit()
        #expect(switched && worker.terminationReason == .uncaughtSignal)
        let kept = try Self.doneItems(lake)
        #expect(kept.count >= 5 && kept.count < 40, "killed part-way: \(kept.count)")
        let placed = try layout.placements()
        #expect(kept.allSatisfy { placed[$0] == "warm" }, "switched objects stay switched")
        try layout.expectPlacementsReadable("after the kill")

        // The lease (1 s) runs out; a worker started before that finds nothing to take and exits, so retry.
        var finished = false
        for _ in 0..<120 where !finished {
            let next = try MedLakeProcess.run(["worker", "--until-idle", "--lease", "1", "--lake", lake])
            #expect(next.status == 0, "\(next.stderr)")
            finished = try Self.doneItems(lake).count == 40
            if !finished { usleep(250_000) }
        }
        #expect(finished)
        try layout.expectExactlyOnceAndVerified("after the takeover")
        let audit = try MedLakeProcess.run(["audit", "list", "--action", "object.placement", "--lake", lake, "--json"])
        let events = try JSONSerialization.jsonObject(with: Data(audit.stdout.utf8)) as? [[String: Any]] ?? []
        let moved = events.compactMap { Self.details($0)["objects"]?.split(separator: " ").map(String.init) }.flatMap { $0 }
        #expect(moved.count == 40 && Set(moved).count == 40, "no object was copied and switched twice")
        let takeover = try MedLakeProcess.run(["audit", "list", "--action", "migration.takeover", "--lake", lake, "--json"])
        let takeovers = try JSONSerialization.jsonObject(with: Data(takeover.stdout.utf8)) as? [[String: Any]] ?? []
        let resumedAt = takeovers.compactMap { Self.details($0)["objectsDone"].flatMap(Int.init) }
        #expect(resumedAt.first.map { $0 >= kept.count } == true, "the takeover resumed after the kept objects: \(takeovers)")
    }

    /// The details of an audit event as `audit list --json` prints it.
    static func details(_ event: [String: Any]) -> [String: String] {
        event["details"] as? [String: String] ?? [:]
    }

    /// SHA-256s of the objects whose items are done.
    static func doneItems(_ lake: String) throws -> Set<String> {
        Set(
            try TestLakeCatalogs.store(forLake: lake).values(
                String.self, "SELECT o.sha256 FROM migrationItem i JOIN object o ON o.id = i.objectId WHERE i.state = 'done'"))
    }
}
