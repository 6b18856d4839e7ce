import Catalog
import Foundation
import TestSupport
import Testing
import TUI
@testable import LakeEngine
@testable import Workbench

/// The Jobs pane of the Migrations screen: keys act on the job in focus, queued jobs are selected, the
/// list follows its head, and the pane names the process holding a running job's lease.
@Suite(.serialized)
@MainActor
struct MigrationsJobsTests {
    /// Marks job `id` running under a live lease held by `pid` on `host`, as a worker's claim does.
    private func hold(_ id: Int64, pid: Int64, host: String, lake: Lake) throws {
        let expiry = Int64(Date().addingTimeInterval(3600).timeIntervalSince1970 * 1000)
        try lake.catalog.execute(
            """
            UPDATE migrationJob SET state = 'running', workerId = ?, workerPid = ?, workerHost = ?,
            leaseExpiresAt = ? WHERE id = ?
            """, arguments: ["\(host):\(pid):0", pid, host, expiry, id])
    }

    @Test("P pauses the job in focus: the one under the cursor, not the running one")
    func pauseActsOnTheJobInFocus() async throws {
        let lake = try SampleFixture.make("jobs-focus")
        let running = try lake.queueMigration("scans", to: "warm")
        let queued = try lake.queueMigration("variants", to: "cold")
        try hold(running.id, pid: 4242, host: "node-7", lake: lake)
        let harness = try Harness(lake: lake, screen: .migrations)
        try await harness.start()
        // Newest first: the queued job is on the first row, the running one below it.
        #expect(harness.model.screens.migrations.focusedJob?.id == queued.id)
        #expect(harness.text.contains("Job \(queued.id) (P pause"))
        await harness.press(.character("P"))
        #expect(try lake.migrationJob(id: queued.id).state == .paused)
        #expect(try lake.migrationJob(id: running.id).pendingControl == nil, "the running job is untouched")
        await harness.press(.down)
        #expect(harness.text.contains("Job \(running.id) (P pause"))
        #expect(harness.text.contains("running  worker pid 4242 on node-7"), "the pane names the lease holder")
        await harness.press(.character("P"))
        #expect(try lake.migrationJob(id: running.id).pendingControl == .pause)
    }

    @Test("m queues a migration of the typed dataset to the chosen tier, and the new job is selected")
    func queueKeySelectsTheNewJob() async throws {
        let lake = try SampleFixture.make("jobs-queue")
        let first = try lake.queueMigration("scans", to: "warm")
        let harness = try Harness(lake: lake, screen: .migrations)
        try await harness.start()
        await harness.press(.character("m"))
        guard case .dialog(let dialog) = harness.model.overlay else {
            Issue.record("no dialog: \(harness.text)")
            return
        }
        #expect(dialog.choices == lake.configuration.tiers.keys.sorted())
        harness.wait()
        await harness.type("variants")
        while case .dialog(let open) = harness.model.overlay, open.chosen != "cold" { await harness.press(.down) }
        await harness.press(.enter, .enter)
        let jobs = try lake.migrationJobs()
        let queued = try #require(jobs.first { $0.target == "variants" })
        #expect(queued.toTier == "cold" && queued.id != first.id)
        #expect(harness.model.screens.migrations.selected?.id == queued.id)
        #expect(harness.text.contains("Migration job \(queued.id) queued"))
    }

    @Test("m pressed before the screen's load counted the tiers opens its dialog once they arrive")
    func queueKeyBeforeTheTiersWaitsForThem() throws {
        let lake = try SampleFixture.make("jobs-early-queue")
        let context = ScreenContext(
            api: lake, engine: lake, session: WorkbenchSession(lake: lake), now: Timestamp(nanoseconds: 0),
            wallClock: Date(), page: 10, width: 100, workerLauncher: nil)
        var screen = MigrationsScreen()
        let early = screen.perform(.queueMigration, key: .character("m"), context: context)
        #expect(early.dialog == nil)
        #expect(early.flash?.text.contains("Counting the tiers") == true)
        // A reload's placeholder is not the answer; the answer opens the dialog, once.
        #expect(screen.receive(.migrations(.loading), context: context).dialog == nil)
        let data = MigrationsData(jobs: [], tiers: try lake.tierOccupancy())
        let opened = screen.receive(.migrations(.loaded(data)), context: context).dialog
        #expect(opened?.choices == lake.configuration.tiers.keys.sorted())
        #expect(screen.receive(.migrations(.loaded(data)), context: context).dialog == nil)
    }

    @Test("r offers only tiers readable without a restore, and an empty note queues nothing")
    func restoreKeyOffersReadableTiers() async throws {
        let lake = try SampleFixture.make("jobs-restore")
        let harness = try Harness(lake: lake, screen: .migrations)
        try await harness.start()
        await harness.press(.character("r"))
        guard case .dialog(let dialog) = harness.model.overlay else {
            Issue.record("no dialog: \(harness.text)")
            return
        }
        let readable = lake.configuration.tiers.filter { !$0.value.restoreRequired }.keys.sorted()
        #expect(dialog.choices == readable && !readable.isEmpty)
        harness.wait()
        await harness.press(.escape)
        #expect(try lake.migrationJobs().isEmpty)
    }

    @Test("A cursor on the newest job follows new jobs; one moved down stays on its job")
    func followsTheHead() async throws {
        let lake = try SampleFixture.make("jobs-follow")
        let first = try lake.queueMigration("scans", to: "warm")
        let harness = try Harness(lake: lake, screen: .migrations)
        try await harness.start()
        #expect(harness.model.screens.migrations.selected?.id == first.id)
        let second = try lake.queueMigration("variants", to: "warm")
        await harness.press(.control("r"))
        #expect(harness.model.screens.migrations.selected?.id == second.id, "the head is followed")
        await harness.press(.down)
        #expect(harness.model.screens.migrations.selected?.id == first.id)
        try lake.pauseMigration(id: second.id)
        try lake.resumeMigration(id: second.id)
        await harness.press(.control("r"))
        #expect(harness.model.screens.migrations.selected?.id == first.id, "a cursor moved down stays put")
    }

    @Test("The Jobs title names the process running a job, not this workbench's exited worker")
    func titleNamesTheLeaseHolder() async throws {
        let lake = try SampleFixture.make("jobs-title")
        let job = try lake.queueMigration("scans", to: "warm")
        try hold(job.id, pid: 777, host: "elsewhere", lake: lake)
        var screen = MigrationsScreen()
        screen.worker = WorkerProcess(pid: 12, state: .exited(code: 0))
        screen.jobs = try lake.migrationJobs().map(MigrationJobOverview.init)
        #expect(screen.workerTitle == "worker: pid 777 on elsewhere")
        screen.jobs = []
        #expect(screen.workerTitle == "worker: pid 12 exited 0")
        screen.worker = WorkerProcess(pid: 12, state: .running)
        #expect(screen.workerTitle == "worker: pid 12 running")
    }
}
