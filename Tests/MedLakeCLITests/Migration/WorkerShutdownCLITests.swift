import Catalog
import Foundation
import TestSupport
import Testing

/// SIGTERM to `medlake worker` mid-job, as Kubernetes sends it when it stops a pod: the worker stops
/// claiming, rolls back the batch being staged, puts the job back in the queue with its lease released
/// and exits with status 0; the next worker resumes the job at once, without waiting out the lease.
/// Until then its probe endpoint (`--metrics-port`) answers.
@Suite(.serialized)
struct WorkerShutdownCLITests {
    @Test func sigtermRequeuesTheJobAndExitsZero() throws {
        let base = NSTemporaryDirectory() + "worker-sigterm-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: base) }
        let lake = try TierLayout.makeLake(in: base, count: 40, size: 24_000)
        let layout = TierLayout(lake: lake)
        #expect(try MedLakeProcess.run(["migrate", "d", "--to", "warm", "--lake", lake]).status == 0)

        // About 1 MB at 50 kB/s: the job is still running, whatever the machine, when the first copy is staged.
        // A lease of 10 minutes: only a released lease lets the next worker take the job before the end.
        let (worker, _, errors) = try MedLakeProcess.start(
            ["worker", "--lease", "10m", "--throttle", "0.05", "--metrics-port", "0", "--lake", lake])
        // A worker that never announces its port is killed, so reading its stderr ends.
        DispatchQueue.global().asyncAfter(deadline: .now() + 300) {
            if worker.isRunning { kill(worker.processIdentifier, SIGKILL) }
        }
        var stderr = ""
        while !stderr.contains("\n"), case let data = errors.fileHandleForReading.availableData, !data.isEmpty {
            stderr += String(decoding: data, as: UTF8.self)
        }
        let port = try #require(stderr.firstMatch(of: /probes on port (\d+)/).map { String($0.1) }, "\(stderr)")
        let staged = TierLayout.waitUntil { (try? !worker.isRunning || !layout.stagedFiles().isEmpty) ?? false }
        #expect(staged && worker.isRunning, "the worker should be copying")
        #expect(try Self.curl("http://127.0.0.1:\(port)/healthz") == "200")
        #expect(try Self.curl("http://127.0.0.1:\(port)/readyz") == "200")
        kill(worker.processIdentifier, SIGTERM)
        let exited = TierLayout.waitUntil { !worker.isRunning }
        if !exited { kill(worker.processIdentifier, SIGKILL) }
        worker.waitUntilExit()
        stderr += String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(exited && worker.terminationReason == .exit && worker.terminationStatus == 0, "\(stderr)")
        #expect(stderr.contains("stopping: no new jobs"))

        let job = try Self.job(lake)
        #expect(job.state == .queued && job.workerId == nil && job.leaseExpiresAt == nil, "\(job)")
        #expect(job.objectsDone < 40, "the job stopped part-way")
        try layout.expectPlacementsReadable("after SIGTERM")
        #expect(try layout.stagedFiles().isEmpty, "the batch being staged was rolled back")
        #expect(try layout.publishingItems() == 0)
        let requeued = try MedLakeProcess.run(
            ["audit", "list", "--action", "migration.requeue", "--lake", lake, "--json"])
        #expect(requeued.stdout.contains("migration.requeue"))

        let next = try MedLakeProcess.run(["worker", "--until-idle", "--lease", "10m", "--lake", lake])
        #expect(next.status == 0, "\(next.stderr)")
        #expect(try Self.job(lake).state == .done)
        try layout.expectExactlyOnceAndVerified("after the next worker")
        let takeovers = try MedLakeProcess.run(
            ["audit", "list", "--action", "migration.takeover", "--lake", lake, "--json"])
        #expect(!takeovers.stdout.contains("migration.takeover"), "a queued job is claimed, not taken over")
    }

    /// The HTTP status curl gets for `url`.
    static func curl(_ url: String) throws -> String {
        let curl = Process()
        curl.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        curl.arguments = ["-s", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "60", url]
        let output = Pipe()
        curl.standardOutput = output
        try curl.run()
        defer { curl.waitUntilExit() }
        return String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    }

    static func job(_ lake: String) throws -> MigrationJob {
        try #require(
            try TestLakeCatalogs.store(forLake: lake).records(MigrationJob.self, "SELECT * FROM migrationJob").first)
    }
}
