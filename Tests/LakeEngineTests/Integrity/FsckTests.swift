import Catalog
import Foundation
import Storage
import TestSupport
import Testing

@testable import LakeEngine

/// `fsck` finds each kind of problem, and `repair` removes provable garbage and nothing else.
@Suite struct FsckTests {
    let lake: TemporaryLake
    let hashes: [String]

    init() throws {
        lake = try TemporaryLake()
        hashes = try lake.ingestObjects("a", count: 6, size: 4000)
    }

    private func hotPath(_ index: Int) throws -> String {
        try lake.owner.tier(named: "hot").path(of: try ObjectDigest(hex: hashes[index]).orThrow())
    }

    /// A temporary file named for a process that has exited.
    private func deadWritersFile(in tier: String) throws -> String {
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/bin/true")
        try child.run()
        child.waitUntilExit()
        let stamp = ProcessStamp(pid: child.processIdentifier, bootID: ProcessStamp.current.bootID)
        let path = lake.root + "/tiers/\(tier)/tmp/object-" + stamp.nameComponent + "dead.partial"
        try Data(repeating: 7, count: 100).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func aHealthyLakeIsClean() async throws {
        let report = try await lake.owner.fsck(full: true)
        #expect(report.isClean, "\(report.findings)")
        #expect(report.objectsChecked == 6 && report.full)
    }

    @Test func findsEachProblem() async throws {
        try FileManager.default.removeItem(atPath: try hotPath(0))
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: try hotPath(1))
        try Data("short".utf8).write(to: URL(fileURLWithPath: try hotPath(1)))
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: try hotPath(2))
        try Data(repeating: 0, count: 4000).write(to: URL(fileURLWithPath: try hotPath(2)))
        let orphan = try lake.owner.tier(named: "warm").store(bytes: UnsafeRawBufferPointer(start: nil, count: 0))
        let dead = try deadWritersFile(in: "hot")
        let live = lake.root + "/tiers/warm/tmp/object-" + ProcessStamp.current.nameComponent + "live.partial"
        try Data("x".utf8).write(to: URL(fileURLWithPath: live))
        try FileManager.default.removeItem(atPath: lake.root + "/tiers/cold/.medlake-tier")
        try lake.tamperWithAudit("UPDATE auditEvent SET details = '{}' WHERE seq = 1")

        let report = try await lake.owner.fsck(full: true)
        func kinds(_ kind: FsckFinding.Kind) -> [FsckFinding] { report.findings.filter { $0.kind == kind } }
        #expect(kinds(.missingObject).map(\.object) == [hashes[0]])
        #expect(kinds(.wrongSize).map(\.object) == [hashes[1]])
        #expect(kinds(.damagedObject).map(\.object) == [hashes[2]])
        #expect(kinds(.orphan).map(\.object) == [orphan.digest.hex])
        #expect(kinds(.orphan).first?.removable == false, "younger than the grace period")
        #expect(Set(kinds(.temporaryFile).map(\.path)) == [dead, live])
        #expect(kinds(.temporaryFile).first { $0.path == dead }?.removable == true)
        #expect(kinds(.temporaryFile).first { $0.path == live }?.removable == false, "its writer runs")
        #expect(kinds(.tierIdentity).map(\.tier) == ["cold"])
        #expect(kinds(.auditChain).count == 1)
        #expect(!report.isClean)
        let quick = try await lake.owner.fsck(full: false)
        #expect(!quick.findings.contains { $0.kind == .damagedObject }, "only --full re-hashes")
    }

    @Test func repairRemovesOnlyGarbage() async throws {
        let orphan = try lake.owner.tier(named: "warm").store(bytes: UnsafeRawBufferPointer(start: nil, count: 0))
        let dead = try deadWritersFile(in: "hot")
        let live = lake.root + "/tiers/hot/tmp/object-" + ProcessStamp.current.nameComponent + "live.partial"
        try Data("x".utf8).write(to: URL(fileURLWithPath: live))
        try FileManager.default.removeItem(atPath: try hotPath(3))

        let report = try await lake.owner.fsck(full: true, repair: true, orphanGrace: 0)
        #expect(Set(report.repaired.map(\.path)) == [dead, try lake.owner.tier(named: "warm").path(of: orphan.digest)])
        #expect(!FileManager.default.fileExists(atPath: dead))
        #expect(FileManager.default.fileExists(atPath: live), "a live writer's file stays")
        #expect(Set(report.findings.map(\.kind)) == [.missingObject, .temporaryFile], "what is not garbage is still reported")
        for (index, hash) in hashes.enumerated() where index != 3 {
            #expect(try lake.tiersHolding(hash) == ["hot"], "referenced object \(hash) kept")
        }
        let events = try lake.owner.auditEvents(AuditFilter(action: "lake.repair"))
        #expect(events.count == 1)
    }

    /// While a migration job is open an unplaced object may be its copy: not garbage, whatever its age.
    @Test func anOpenMigrationKeepsOrphans() async throws {
        let orphan = try lake.owner.tier(named: "warm").store(bytes: UnsafeRawBufferPointer(start: nil, count: 0))
        _ = try lake.owner.queueMigration("a", to: "cold")
        let report = try await lake.owner.fsck(full: false, repair: true, orphanGrace: 0)
        #expect(report.repaired.isEmpty)
        #expect(report.findings.map(\.object) == [orphan.digest.hex])
        #expect(try lake.owner.tier(named: "warm").contains(orphan.digest))
    }

    @Test func repairIsForAdmins() async throws {
        try lake.setRoles([.admin: ["alice"], .operator: ["carol"]])
        let carol = try lake.open(as: "carol")
        _ = try await carol.fsck(full: false)
        await #expect(throws: LakeError.self) { try await carol.fsck(full: false, repair: true) }
    }

    // MARK: - Rebuilding after a lost catalog

    @Test(
        .enabled(if: TestCatalog.isSQLite, "rebuilds a lost catalog.sqlite; a PostgreSQL catalog is restored from backups"))
    func theObjectTableIsRebuiltFromTheTiers() async throws {
        _ = try lake.owner.queueMigration("a", to: "warm")
        _ = try await MigrationWorker(lake: lake.owner).runNextJob()
        let before = try lake.placements()
        for suffix in ["", "-wal", "-shm"] {
            try? FileManager.default.removeItem(atPath: lake.root + "/catalog.sqlite" + suffix)
        }
        #expect(throws: LakeIntegrityError.self) { try lake.open(as: "alice") }

        await #expect(throws: LakeError.self, "only an admin rebuilds") {
            try await Lake.rebuildObjects(at: lake.root, as: Identity(user: "mallory", uid: 3000))
        }
        let (rebuilt, summary) = try await Lake.rebuildObjects(at: lake.root, as: Identity(user: "alice", uid: 1000))
        #expect(summary.objectsByTier["warm"] == 6 && summary.damagedObjects.isEmpty)
        #expect(rebuilt.id == lake.owner.id)
        let reopened = try lake.open(as: "alice")
        let after = Dictionary(
            uniqueKeysWithValues: try reopened.catalog.records(CatalogObject.self, "SELECT * FROM object").map {
                ($0.sha256, $0.tier)
            })
        #expect(after == before)
        #expect(try await reopened.fsck(full: true).isClean)
        await #expect(throws: LakeIntegrityError.catalogPresent(path: lake.root + "/catalog.sqlite")) {
            try await Lake.rebuildObjects(at: lake.root, as: Identity(user: "alice", uid: 1000))
        }
    }
}
