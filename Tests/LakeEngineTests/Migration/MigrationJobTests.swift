import Catalog
import Foundation
import GRDB
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
        #expect(finished?.state == "done")
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

    @Test func aPublishedVersionMovesItsManifestEntries() async throws {
        try lake.ingestObjects("a", count: 3, size: 700)
        let version = try lake.owner.publishVersion(dataset: "a")
        let job = try lake.owner.queueMigration("a@\(version.number)", to: "cold")
        #expect(job.objectsTotal == Int64(version.entryCount))
        #expect(try await MigrationWorker(lake: lake.owner).runNextJob()?.state == "done")
        #expect(Set(try lake.placements().values) == ["cold"])
        #expect(throws: LakeError.self) { try lake.owner.queueMigration("a@99", to: "warm") }
    }

    @Test func aHashMismatchFailsTheObjectWhichStaysAtItsSource() async throws {
        let hashes = try lake.ingestObjects("a", count: 3, size: 2000)
        let damaged = try lake.owner.objectPath(try ObjectDigest(hex: hashes[1]).orThrow(), tier: "hot")
        chmod(damaged, 0o640)
        try Data(repeating: 7, count: 2000).write(to: URL(fileURLWithPath: damaged))
        let job = try lake.owner.queueMigration("a", to: "warm")
        let finished = try await MigrationWorker(lake: lake.owner).runNextJob()
        #expect(finished?.state == "failed")
        #expect(finished?.objectsFailed == 1 && finished?.objectsDone == 2)
        #expect(finished?.error?.contains("hash mismatch") == true)
        #expect(try lake.placements()[hashes[1]] == "hot")
        #expect(try lake.tiersHolding(hashes[1]) == ["hot"], "no unverified copy reached the destination")
        #expect(try lake.owner.auditEvents(AuditFilter(action: "migration.fail")).count == 1)
        // Retrying puts the failed object back in the queue; it fails again while its source is damaged.
        #expect(try lake.owner.resumeMigration(id: job.id).state == "queued")
        #expect(try await MigrationWorker(lake: lake.owner).runNextJob()?.objectsFailed == 1)
    }

    @Test func pauseResumeAndCancelTakeEffectWhileRunning() async throws {
        let hashes = try lake.ingestObjects("a", count: 24, size: 40_000)
        let job = try lake.owner.queueMigration("a", to: "warm")
        // 0.2 MB/s: the job lasts about five seconds however fast the machine, so a pause or cancel sent on
        // seeing progress (an event) lands before its end.
        let worker = try MigrationWorker(lake: lake.owner, leaseDuration: 5, parallelObjects: 1, throttleMBps: 0.2)
        let running = Task { try await worker.runNextJob() }
        _ = try await lake.owner.waitForMigrationJob(job.id) { $0.state == "running" && $0.bytesDone > 0 }
        try lake.owner.pauseMigration(id: job.id)
        let paused = try await lake.owner.waitForMigrationJob(job.id) { $0.state == "paused" }
        _ = try await running.value
        #expect(paused.state == "paused")
        #expect(paused.objectsDone < 24, "paused before the end")
        try expectEachObjectOnceWhereCataloged(hashes)

        try lake.owner.resumeMigration(id: job.id)
        let again = Task { try await worker.runNextJob() }
        let progressed = try await lake.owner.waitForMigrationJob(job.id) { $0.objectsDone > paused.objectsDone }
        try lake.owner.cancelMigration(id: job.id)
        let cancelled = try await lake.owner.waitForMigrationJob(job.id) { $0.state == "cancelled" }
        _ = try await again.value
        #expect(progressed.objectsDone > paused.objectsDone, "resumed after the last completed object")
        #expect(cancelled.state == "cancelled")
        try expectEachObjectOnceWhereCataloged(hashes)
        let tiers = Set(try lake.placements().values)
        #expect(tiers == ["hot", "warm"], "cancel keeps what moved and leaves the rest at the source")
        let actions = try lake.owner.auditEvents().map(\.action)
        for action in ["migration.pause", "migration.paused", "migration.resume", "migration.cancel", "migration.cancelled"] {
            #expect(actions.contains(action), "\(action) is audited")
        }
    }

    @Test func restoreThenRead() async throws {
        let hashes = try lake.ingestObjects("a", count: 3, size: 5000)
        try lake.owner.queueMigration("a", to: "archive")
        #expect(try await MigrationWorker(lake: lake.owner).runNextJob()?.state == "done")
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
        #expect(try await MigrationWorker(lake: lake.owner).runNextJob()?.state == "done")
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
        #expect(finished?.state == "failed")
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
