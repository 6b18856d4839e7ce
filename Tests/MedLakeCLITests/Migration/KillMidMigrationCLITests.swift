import Foundation
import Testing

/// `kill -9` of `medlake worker` 50 times, then a restart: every object ends in exactly one tier, with
/// its bytes, where the catalog says.
///
/// The worker stages copies in batches (published every half second at this pace). Every other kill
/// waits for an event — copies staged at the destination and not yet published — so those land inside
/// a batch whatever the machine's speed; the others come at random instants (before the first copy,
/// mid-switch, after the end). The worker taking the job over removes what a kill left, and the job rows
/// count it.
@Suite(.serialized)
struct KillMidMigrationCLITests {
    static let runs = 50
    static let lease = "1"

    @Test func killedWorkersLoseNothing() throws {
        let base = NSTemporaryDirectory() + "killmigrate-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: base) }
        let lake = try TierLayout.makeLake(in: base, count: 40, size: 24_000)
        let layout = TierLayout(lake: lake)
        var generator = SplitMix(seed: 7)
        var destination = "warm"
        var killedWithStagedCopies = 0
        for run in 0..<Self.runs {
            if try Self.unfinishedJobs(lake) == 0 {
                destination = destination == "warm" ? "hot" : "warm"
                _ = try MedLakeProcess.run(["migrate", "d", "--to", destination, "--lake", lake])
            }
            let (worker, _, _) = try MedLakeProcess.start(
                ["worker", "--until-idle", "--lease", Self.lease, "--throttle", "1", "--lake", lake])
            if run.isMultiple(of: 2) {
                _ = try TierLayout.waitUntil { try !worker.isRunning || !layout.stagedFiles().isEmpty }
            } else {
                usleep(UInt32(generator.next() % 900_000))
            }
            kill(worker.processIdentifier, SIGKILL)
            worker.waitUntilExit()
            try layout.expectPlacementsReadable("run \(run)")
            if try layout.stagedFiles().count + layout.publishingItems() > 0 { killedWithStagedCopies += 1 }
            usleep(1_100_000)  // the 1 s lease runs out (wall clock), so the next worker takes the job over
        }
        // Each staged batch waits up to half a second for its switch, and the even kills come the moment one
        // is seen: most of them find it still there.
        #expect(killedWithStagedCopies >= Self.runs / 4, "kills on a staged batch should leave copies to clean up")

        let finish = try MedLakeProcess.run(["worker", "--until-idle", "--lease", Self.lease, "--lake", lake])
        #expect(finish.status == 0, "\(finish.stderr)")
        try layout.expectExactlyOnceAndVerified("after the restart")
        #expect(try layout.stagedFiles().isEmpty, "every staged copy was published or removed")
        #expect(try layout.publishingItems() == 0)
        #expect(try Self.unfinishedJobs(lake) == 0)
        let jobs = try MedLakeProcess.run(["migrate", "list", "--lake", lake, "--json"])
        let rows = try JSONSerialization.jsonObject(with: Data(jobs.stdout.utf8)) as? [[String: Any]] ?? []
        let removed = rows.compactMap { $0["strayCopiesRemoved"] as? Int }.reduce(0, +)
        #expect(removed > 0, "job rows count the copies that takeovers removed")
        let audit = try MedLakeProcess.run(["audit", "verify", "--lake", lake])
        #expect(audit.status == 0, "\(audit.stdout)")
        let takeovers = try MedLakeProcess.run(["audit", "list", "--action", "migration.takeover", "--lake", lake, "--json"])
        #expect(takeovers.stdout.contains("migration.takeover"), "killed jobs were resumed by later workers")
    }

    /// Queued, running and paused jobs, as `migrate status --json` lists them.
    static func unfinishedJobs(_ lake: String) throws -> Int {
        let status = try MedLakeProcess.run(["migrate", "status", "--lake", lake, "--json"])
        let jobs = try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [Any]
        return jobs?.count ?? -1
    }
}
