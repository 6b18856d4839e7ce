import Catalog
import Foundation
import TestSupport
import Testing
import TUI
@testable import LakeEngine
@testable import Workbench

/// `w` on the Migrations screen: starts a worker process only when the catalog shows none alive.
@Suite(.serialized)
@MainActor
struct MigrationsWorkerTests {
    @Test("A live lease refuses the key with a flash message and starts nothing")
    func refusedWhileAWorkerHoldsALease() async throws {
        let lake = try SampleFixture.make("worker-refused")
        let job = try lake.queueMigration("scans", to: "warm")
        let expiry = Int64(Date().addingTimeInterval(3600).timeIntervalSince1970 * 1000)  // live for the whole test, however slow
        try lake.catalog.execute(
            "UPDATE migrationJob SET state = 'running', workerId = 'elsewhere:42:0', leaseExpiresAt = ? WHERE id = ?",
            arguments: [expiry, job.id])
        #expect(try lake.liveWorkers() == ["elsewhere:42:0"])
        // An executable that cannot start: had the key tried to launch it, the flash would say so.
        let harness = try Harness(lake: lake, screen: .migrations,
                                  workerLauncher: WorkerLauncher(executable: "/nonexistent/medlake"))
        try await harness.start()
        await harness.press(.character("w"))
        #expect(harness.model.screens.migrations.worker == nil)
        #expect(harness.text.contains("A worker is already running: elsewhere:42:0."))
        #expect(!FileManager.default.fileExists(atPath: lake.root + "/worker.log"))
    }

    @Test("An expired lease is no live worker: the key starts the process, shows its pid, and reaps it")
    func startsAndReapsTheWorker() async throws {
        let lake = try SampleFixture.make("worker-start")
        let job = try lake.queueMigration("scans", to: "warm")
        try lake.catalog.execute(
            "UPDATE migrationJob SET state = 'running', workerId = 'dead:1:0', leaseExpiresAt = 1 WHERE id = ?",
            arguments: [job.id])
        #expect(try lake.liveWorkers().isEmpty)
        // /bin/echo stands in for medlake: it writes its arguments to the log and exits 0.
        let harness = try Harness(lake: lake, screen: .migrations, workerLauncher: WorkerLauncher(executable: "/bin/echo"))
        try await harness.start()
        await harness.press(.character("w"))
        let pid = try #require(harness.model.screens.migrations.worker?.pid)
        #expect(harness.text.contains("worker: pid \(pid) running"))
        // A second press while it runs is refused without asking the catalog.
        await harness.press(.character("w"))
        #expect(harness.text.contains("A worker is already running (pid \(pid) running)."))
        var state = harness.model.screens.migrations.worker?.state
        for _ in 0..<3000 where state == .running {  // a minute at most: /bin/echo ends at once
            try await Task.sleep(for: .milliseconds(20))
            await harness.tick()
            state = harness.model.screens.migrations.worker?.state
        }
        #expect(state == .exited(code: 0))
        #expect(harness.text.contains("worker: pid \(pid) exited 0"))
        let log = try String(contentsOfFile: lake.root + "/worker.log", encoding: .utf8)
        #expect(log == "worker --lake \(lake.root) --until-idle\n")
    }

    @Test("A symlink planted at worker.log is not followed: the worker does not start and nothing is written")
    func aPlantedLogSymlinkIsNotFollowed() async throws {
        let lake = try SampleFixture.make("worker-symlink")
        try lake.queueMigration("scans", to: "warm")
        let victim = lake.root + "/victim.txt"
        try Data("untouched\n".utf8).write(to: URL(fileURLWithPath: victim))
        try FileManager.default.createSymbolicLink(atPath: lake.root + "/worker.log", withDestinationPath: victim)
        let harness = try Harness(lake: lake, screen: .migrations, workerLauncher: WorkerLauncher(executable: "/bin/echo"))
        try await harness.start()
        await harness.press(.character("w"))
        #expect(harness.model.screens.migrations.worker == nil, "no worker runs with its log elsewhere")
        #expect(harness.text.contains("Cannot start a worker"))
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "untouched\n")
    }

    @Test("Without an executable the key says so")
    func noExecutable() async throws {
        let harness = try Harness(lake: try SampleFixture.make("worker-none"), screen: .migrations)
        try await harness.start()
        await harness.press(.character("w"))
        #expect(harness.text.contains("No medlake executable to start a worker with."))
    }
}
