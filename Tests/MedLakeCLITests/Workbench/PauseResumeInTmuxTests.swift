import Foundation
import Testing
import TestSupport

/// Pause and resume from the workbench's Jobs pane through the real binary in tmux: the resumed job
/// goes on from the objects verified before the pause, and no object is moved twice.
@Suite(.serialized)
struct PauseResumeInTmuxTests {
    @Test("P pauses the queued job in focus part-way; R and w resume it from the verified objects")
    func pauseThenResumeKeepsTheVerifiedObjects() throws {
        let folder = try WorkbenchInTmuxTests.sampleLakeCopy()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let lake = folder + "/SampleLake"
        let tmux = try WorkbenchInTmuxTests.start(in: folder)
        #expect(tmux.waitFor("Tier occupancy", timeout: 60).held)
        try WorkbenchInTmuxTests.queueLifecyclePlan(in: tmux, reason: "pause it")
        let job = try #require(try Self.jobs(lake).first { $0["state"] as? String == "queued" })
        let id = try #require(job["id"] as? Int)
        #expect(tmux.waitFor("Job \(id) (P pause").held, "the new job is in focus")

        // 25 MB at 0.5 MB/s: fifty seconds at least, so the pause lands part-way on any machine.
        let (worker, _, _) = try MedLakeProcess.start(["worker", "--until-idle", "--throttle", "0.5", "--lake", lake])
        defer { if worker.isRunning { kill(worker.processIdentifier, SIGKILL) } }
        #expect(TierLayout.waitUntil { ((try? Self.job(id, lake))?["objectsDone"] as? Int ?? 0) >= 3 })
        #expect(tmux.waitFor({ $0.contains(#/│running +worker pid \d+ on /#) }).held, "the pane names the lease holder")
        try tmux.send("P")
        #expect(tmux.waitFor({ $0.contains(/│paused +no worker/) }).held, "the job pauses")
        worker.waitUntilExit()
        let paused = try Self.job(id, lake)
        let kept = try #require(paused["objectsDone"] as? Int)
        #expect(paused["state"] as? String == "paused" && kept >= 3 && kept < 50, "\(paused)")

        try tmux.send("R")
        #expect(tmux.waitFor({ $0.contains(/│queued +no worker/) }).held)
        try tmux.send("w")
        #expect(tmux.waitFor({ $0.contains(#/worker: pid \d+ /#) }).held)
        #expect(tmux.waitFor({ $0.contains("50/50") && $0.contains(/│done +no worker/) }, timeout: 240).held)
        let starts = try Self.auditDetails(lake, action: "migration.start").filter { $0["attempt"] == "2" }
        #expect(starts.first?["objectsDone"] == String(kept), "the second run starts from the kept objects: \(starts)")
        let moved = try Self.auditDetails(lake, action: "object.placement")
            .filter { $0["job"] == String(id) }.flatMap { ($0["objects"] ?? "").split(separator: " ") }
        #expect(moved.count == 50 && Set(moved).count == 50, "no object moved twice")
        let log = (try? String(contentsOfFile: lake + "/worker.log", encoding: .utf8)) ?? ""
        #expect(log.contains("info job started") && log.contains("info job done"), "worker.log: \(log)")
        try tmux.send("q")
        #expect(tmux.waitFor("EXITED rc=0").held)
    }

    static func jobs(_ lake: String) throws -> [[String: Any]] {
        let list = try MedLakeProcess.run(["migrate", "list", "--lake", lake, "--json"])
        return try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]] ?? []
    }

    static func job(_ id: Int, _ lake: String) throws -> [String: Any] {
        try jobs(lake).first { $0["id"] as? Int == id } ?? [:]
    }

    /// The details of every `action` event, as `audit list --json` prints them.
    static func auditDetails(_ lake: String, action: String) throws -> [[String: String]] {
        let list = try MedLakeProcess.run(["audit", "list", "--action", action, "--lake", lake, "--json"])
        let events = try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]] ?? []
        return events.compactMap { $0["details"] as? [String: String] }
    }
}
