import Foundation
import Testing

/// Two worker processes started together over several queued jobs: each job is run by one worker.
@Suite(.serialized)
struct WorkerRaceCLITests {
    @Test func twoWorkersNeverRunTheSameJob() throws {
        let base = NSTemporaryDirectory() + "race-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: base) }
        let lake = try TierLayout.makeLake(in: base, count: 24, size: 8_000)
        // Three datasets' worth of jobs: split the objects by re-ingesting subsets is not possible, so
        // queue successive moves of one dataset between tiers through the same two racing workers.
        for (round, tier) in ["warm", "cold", "hot"].enumerated() {
            #expect(try MedLakeProcess.run(["migrate", "d", "--to", tier, "--lake", lake]).status == 0)
            let first = try MedLakeProcess.start(["worker", "--until-idle", "--throttle", "0.5", "--lake", lake])
            let second = try MedLakeProcess.start(["worker", "--until-idle", "--throttle", "0.5", "--lake", lake])
            first.0.waitUntilExit()
            second.0.waitUntilExit()
            #expect(first.0.terminationStatus == 0 && second.0.terminationStatus == 0)
            try TierLayout(lake: lake).expectExactlyOnceAndVerified("round \(round)")
        }
        let starts = try MedLakeProcess.run(["audit", "list", "--action", "migration.start", "--lake", lake, "--json"])
        let targets = starts.stdout.components(separatedBy: "\"target\" : \"job ").dropFirst().map { $0.prefix(while: \.isNumber) }
        #expect(targets.count == 3, "each job started exactly once: \(targets)")
        #expect(Set(targets).count == 3)
        let takeovers = try MedLakeProcess.run(["audit", "list", "--action", "migration.takeover", "--lake", lake, "--json"])
        #expect(!takeovers.stdout.contains("migration.takeover"))
        let done = try MedLakeProcess.run(["migrate", "list", "--state", "done", "--lake", lake, "--json"])
        #expect(done.stdout.components(separatedBy: "\"state\" : \"done\"").count - 1 == 3)
    }
}
