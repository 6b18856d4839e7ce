import Catalog
import Foundation
import GRDB
import InMemoryLogging
import Logging
import Storage
import Testing

@testable import LakeEngine

/// Migration jobs run by an in-process worker on a real lake: moves, faults, pause/resume/cancel, restores.
@Suite struct MigrationJobTests {
    let lake: TemporaryLake

    init() throws {
        lake = try TemporaryLake()
    }

    private func expectEachObjectOnceWhereCataloged(_ hashes: [String]) throws {
        let placements = try lake.placements()
        for hash in hashes {
            #expect(try lake.tiersHolding(hash) == [placements[hash] ?? "?"], "object \(hash)")
        }
    }

    @Test func movesObjectsVerifiedAndAudited() async throws {
        let hashes = try lake.ingestObjects("a", count: 5, size: 3000)
        let job = try lake.owner.queueMigration("a", to: "warm")
        #expect(job.objectsTotal == 5 && job.bytesTotal == 15_000)
        let finished = try await MigrationWorker(lake: lake.owner).runNextJob()
        #expect(finished?.state == .done)
        #expect(finished?.objectsDone == 5 && finished?.bytesDone == 15_000)
        #expect(Set(try lake.placements().values) == ["warm"])
        try expectEachObjectOnceWhereCataloged(hashes)
        let actions = try lake.owner.auditEvents().map(\.action)
        let placements = try lake.owner.auditEvents(AuditFilter(action: "object.placement")).map { try $0.placement }
        #expect(placements.flatMap(\.objects).sorted() == hashes.sorted(), "each moved object is listed once")
        #expect(placements.allSatisfy { $0.from == "hot" && $0.to == "warm" && $0.job == String(job.id) })
        #expect(actions.contains("migration.start") && actions.contains("migration.finish"))
        #expect(try lake.owner.verifyAudit().isIntact)
        #expect(throws: LakeError.self) { try lake.owner.queueMigration("a", to: "warm") }
    }

    @Test func aJobLogsItsStartAndEndWithItsNumberAndCounts() async throws {
        try lake.ingestObjects("a", count: 4, size: 1500)
        let job = try lake.owner.queueMigration("a", to: "warm")
        let handler = InMemoryLogHandler()
        let logger = Logger(label: "test.worker") { _ in handler }
        let finished = try await MigrationWorker(lake: lake.owner, logger: logger).runNextJob()
        #expect(finished?.state == .done)
        let messages = handler.entries.map { "\($0.message)" }
        #expect(messages.first == "job started" && messages.last == "job done", "\(messages)")
        let started = try #require(handler.entries.first)
        #expect(started.metadata["job"]?.description == String(job.id))
        #expect(started.metadata["objects.total"]?.description == "4" && started.metadata["job.to"] == "warm")
        let done = try #require(handler.entries.last)
        #expect(done.metadata["objects"]?.description == "4" && done.metadata["bytes"]?.description == "6000")
    }

    @Test func aPublishedVersionMovesItsManifestEntries() async throws {
        try lake.ingestObjects("a", count: 3, size: 700)
        let version = try lake.owner.publishVersion(dataset: "a")
        let job = try lake.owner.queueMigration("a@\(version.number)", to: "cold")
        #expect(job.objectsTotal == Int64(version.entryCount))
        #expect(try await MigrationWorker(lake: lake.owner).runNextJob()?.state == .done)
        #expect(Set(try lake.placements().values) == ["cold"])
        #expect(throws: LakeError.self) { try lake.owner.queueMigration("a@99", to: "warm") }
    }

    @Test func aHashMismatchFailsTheObjectWhichStaysAtItsSource() async throws {
        let hashes = try lake.ingestObjects("a", count: 3, size: 2000)
        let damaged = try lake.owner.objectPath(try ObjectDigest(hex: hashes[1]).orThrow(), tier: "hot")
        chmod(damaged, 0o600)
        try Data(repeating: 7, count: 2000).write(to: URL(fileURLWithPath: damaged))
        let job = try lake.owner.queueMigration("a", to: "warm")
        let finished = try await MigrationWorker(lake: lake.owner).runNextJob()
        #expect(finished?.state == .failed)
        #expect(finished?.objectsFailed == 1 && finished?.objectsDone == 2)
        #expect(finished?.error?.contains("hash mismatch") == true)
        #expect(try lake.placements()[hashes[1]] == "hot")
        #expect(try lake.tiersHolding(hashes[1]) == ["hot"], "no unverified copy reached the destination")
        #expect(try lake.owner.auditEvents(AuditFilter(action: "migration.fail")).count == 1)
        // Retrying puts the failed object back in the queue; it fails again while its source is damaged.
        #expect(try lake.owner.resumeMigration(id: job.id).state == .queued)
        #expect(try await MigrationWorker(lake: lake.owner).runNextJob()?.objectsFailed == 1)
    }

    @Test func pauseKeepsEveryVerifiedObjectAndResumeGoesOnFromThem() async throws {
        let hashes = try lake.ingestObjects("a", count: 24, size: 40_000)
        let job = try lake.owner.queueMigration("a", to: "warm")
        // One object at a time, batches of five closed by count only: at the gate before object 12, ten
        // objects are switched and two are staged and verified but not switched.
        let pauseGate = ObjectGate(at: 12)
        defer { pauseGate.open() }
        var worker = try MigrationWorker(
            lake: lake.owner, leaseDuration: 60, parallelObjects: 1,
            batchLimits: MigrationBatchLimits(objects: 5, delay: 600))
        worker.linkedObjectsInFlight = 1
        worker.beforeObject = pauseGate.hook
        let running = Task { [worker] in try await worker.runNextJob() }
        #expect(await pauseGate.waitUntilReached())
        try lake.owner.pauseMigration(id: job.id)
        pauseGate.open()
        let paused = try await lake.owner.waitForMigrationJob(job.id) { $0.state == .paused }
        _ = try await running.value
        #expect(paused.state == .paused)
        #expect(paused.objectsDone == 12, "the two staged copies are kept, not rolled back")
        #expect(paused.bytesDone == 12 * 40_000)
        #expect(paused.strayCopiesRemoved == 0)
        #expect(paused.leaseHolder == nil, "a paused job has no lease holder")
        try expectEachObjectOnceWhereCataloged(hashes)

        // Resumed: the claim starts from the 12 verified objects; cancelled again at the run's sixth object.
        try lake.owner.resumeMigration(id: job.id)
        let claimGate = ObjectGate(at: 0, stops: false)
        let cancelGate = ObjectGate(at: 6)
        defer { claimGate.open(); cancelGate.open() }
        worker.beforeObject = ObjectGate.chain([claimGate, cancelGate])
        let again = Task { [worker] in try await worker.runNextJob() }
        #expect(await claimGate.waitUntilReached())
        let resumed = try lake.owner.migrationJob(id: job.id)
        #expect(resumed.state == .running && resumed.objectsDone == 12 && resumed.bytesDone == 12 * 40_000)
        #expect(resumed.leaseHolder == LeaseHolder(host: ProcessInfo.processInfo.hostName, pid: getpid()))
        claimGate.open()
        #expect(await cancelGate.waitUntilReached())
        try lake.owner.cancelMigration(id: job.id)
        cancelGate.open()
        let cancelled = try await lake.owner.waitForMigrationJob(job.id) { $0.state == .cancelled }
        _ = try await again.value
        #expect(cancelled.objectsDone == 18, "cancel keeps the six verified objects of the second run")
        try expectEachObjectOnceWhereCataloged(hashes)
        #expect(Set(try lake.placements().values) == ["hot", "warm"], "the rest stay at the source")
        let placements = try lake.owner.auditEvents(AuditFilter(action: "object.placement"))
        let moved = try placements.flatMap { try $0.placement.objects }
        #expect(moved.count == 18 && Set(moved).count == 18, "no object was moved twice")
        let starts = try lake.owner.auditEvents(AuditFilter(action: "migration.start")).map { event in
            (try? JSONSerialization.jsonObject(with: Data(event.details.utf8))) as? [String: String] ?? [:]
        }
        #expect(starts.contains { $0["objectsDone"] == "12" }, "the claim says where it resumed")
        let actions = try lake.owner.auditEvents().map(\.action)
        for action in ["migration.pause", "migration.paused", "migration.resume", "migration.cancel", "migration.cancelled"] {
            #expect(actions.contains(action), "\(action) is audited")
        }
    }

    @Test func aBatchClosesOnTimeWhileNoCopyEnds() async throws {
        let hashes = try lake.ingestObjects("a", count: 6, size: 9000)
        let job = try lake.owner.queueMigration("a", to: "warm")
        // The run is held before object 3 and the batch is never full: only its age can publish it.
        let gate = ObjectGate(at: 3, stops: false)
        defer { gate.open() }
        var worker = try MigrationWorker(
            lake: lake.owner, parallelObjects: 1, batchLimits: MigrationBatchLimits(objects: 100, delay: 0.1))
        worker.linkedObjectsInFlight = 1
        worker.beforeObject = gate.hook
        let running = Task { [worker] in try await worker.runNextJob() }
        #expect(await gate.waitUntilReached())
        let committed = try await lake.owner.waitForMigrationJob(job.id) { _ in
            ((try? lake.placements().values.filter { $0 == "warm" }.count) ?? 0) == 3
        }
        #expect(committed.state == .running, "three objects switched while the fourth has not started")
        gate.open()
        #expect(try await running.value?.state == .done)
        try expectEachObjectOnceWhereCataloged(hashes)
    }

    @Test func restoreThenRead() async throws {
        let hashes = try lake.ingestObjects("a", count: 3, size: 5000)
        try lake.owner.queueMigration("a", to: "archive")
        #expect(try await MigrationWorker(lake: lake.owner).runNextJob()?.state == .done)
        do {
            _ = try await lake.owner.openObject(hashes[0])
            Issue.record("reading an archived object needs a restore")
        } catch let error as LakeError {
            #expect(error.description.contains("medlake restore a --to warm"))
        }
        #expect(throws: LakeError.self) { try lake.owner.queueMigration("a", to: "warm") }
        #expect(throws: LakeError.self) { try lake.owner.queueRestore("a", to: "archive") }
        let restore = try lake.owner.queueRestore("a@1", to: "warm")
        #expect(restore.reason == "restore" && restore.objectsTotal == 3)
        #expect(try await MigrationWorker(lake: lake.owner).runNextJob()?.state == .done)
        let reader = try await lake.owner.openObject(hashes[0])
        var hasher = ContentHasher()
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1024, alignment: 8)
        defer { buffer.deallocate() }
        while case let count = try await reader.read(into: buffer), count > 0 {
            hasher.update(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
        }
        #expect(hasher.finalize().hex == hashes[0])
        try expectEachObjectOnceWhereCataloged(hashes)
    }

    @Test(.enabled(if: TmpfsMount.permitted, "mounting a tmpfs needs root (CI runs as root); skipped"))
    func outOfSpaceFailsTheJobAndKeepsObjectsAtTheirSource() async throws {
        let hashes = try lake.ingestObjects("a", count: 6, size: 300_000)
        let warm = try lake.owner.tier(named: "warm").root
        let mount = try TmpfsMount(at: warm, size: "1m")
        defer { mount.unmount() }
        try lake.owner.queueMigration("a", to: "warm")
        let finished = try await MigrationWorker(lake: lake.owner, parallelObjects: 1).runNextJob()
        #expect(finished?.state == .failed)
        #expect(finished?.error?.contains("out of space") == true, "\(finished?.error ?? "")")
        try expectEachObjectOnceWhereCataloged(hashes)
        #expect(try lake.placements().values.contains("hot"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: warm + "/tmp")
        #expect(leftovers.isEmpty, "partial copies are removed: \(leftovers)")
    }
}

/// A small tmpfs mounted over a folder, to fill a tier's disk.
struct TmpfsMount {
    let path: String

    /// True when this process may mount (root on Linux).
    static let permitted: Bool = {
        let probe = NSTemporaryDirectory() + "mount-probe-" + UUID().uuidString
        guard (try? FileManager.default.createDirectory(atPath: probe, withIntermediateDirectories: true)) != nil,
            let mounted = try? TmpfsMount(at: probe, size: "64k")
        else { return false }
        mounted.unmount()
        try? FileManager.default.removeItem(atPath: probe)
        return true
    }()

    init(at path: String, size: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/mount")
        process.arguments = ["-t", "tmpfs", "-o", "size=\(size)", "tmpfs", path]
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw LakeError.invalidArgument("mount failed on \(path)") }
        self.path = path
    }

    func unmount() {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/umount")
        process.arguments = [path]
        try? process.run()
        process.waitUntilExit()
    }
}
