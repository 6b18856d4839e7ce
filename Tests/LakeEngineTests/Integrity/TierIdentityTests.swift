import Catalog
import Foundation
import Storage
import Testing

@testable import LakeEngine

/// Tier identities: written at init, checked on open, adopted only under the documented rule, and
/// checked by the worker before every delete.
@Suite struct TierIdentityTests {
    let lake: TemporaryLake

    init() throws {
        lake = try TemporaryLake()
    }

    private func removeIdentity(_ tier: String) throws {
        try FileManager.default.removeItem(atPath: lake.root + "/tiers/\(tier)/.medlake-tier")
    }

    private func identity(_ tier: String) throws -> TierIdentityState {
        try FileSystemTier(name: tier, root: lake.root + "/tiers/" + tier).readIdentity()
    }

    @Test func initWritesEachTiersIdentity() throws {
        for tier in ["hot", "warm", "cold", "archive"] {
            #expect(try identity(tier) == .present(TierIdentity(lake: lake.owner.id, tier: tier)))
        }
    }

    /// Renaming folders (warm's folder now holds cold's identity) is refused on open.
    @Test func aFolderMarkedAsAnotherTierIsRefusedOnOpen() throws {
        let tiers = lake.root + "/tiers/"
        try FileManager.default.moveItem(atPath: tiers + "warm", toPath: tiers + "spare")
        try FileManager.default.moveItem(atPath: tiers + "cold", toPath: tiers + "warm")
        let error = #expect(throws: LakeIntegrityError.self) { try lake.open(as: "alice") }
        #expect(error == .tierOfAnotherLake(
            tier: "warm", path: tiers + "warm", found: TierIdentity(lake: lake.owner.id, tier: "cold")))
    }

    @Test func anotherLakesTierIsRefusedOnOpen() throws {
        let other = try TemporaryLake()
        let warm = lake.root + "/tiers/warm"
        try FileManager.default.removeItem(atPath: warm)
        try FileManager.default.copyItem(atPath: other.root + "/tiers/warm", toPath: warm)
        #expect(throws: LakeIntegrityError.tierOfAnotherLake(
            tier: "warm", path: warm, found: TierIdentity(lake: other.owner.id, tier: "warm"))) {
            try lake.open(as: "alice")
        }
    }

    /// A legacy tier holding exactly the objects the catalog places there is adopted by an admin only.
    @Test func aConsistentTierIsAdoptedByAnAdminOnly() throws {
        try lake.ingestObjects("a", count: 3, size: 2000)
        try lake.setRoles([.admin: ["alice"], .curator: ["bob"]])
        try removeIdentity("hot")
        _ = try lake.open(as: "bob")
        #expect(try identity("hot") == .missing, "a curator does not adopt a tier holding objects")
        _ = try lake.open(as: "alice")
        #expect(try identity("hot") == .present(TierIdentity(lake: lake.owner.id, tier: "hot")))
    }

    /// A folder holding objects the catalog does not place there (another lake's old tier) is never
    /// adopted, not even by an admin, and no migration writes into it.
    @Test func aForeignTierHoldingObjectsIsNotAdopted() async throws {
        try lake.ingestObjects("a", count: 3, size: 2000)
        let warm = try lake.owner.tier(named: "warm")
        try removeIdentity("warm")
        _ = try warm.store(bytes: UnsafeRawBufferPointer(start: nil, count: 0))
        let opened = try lake.open(as: "alice")
        #expect(try identity("warm") == .missing)
        let job = try opened.queueMigration("a", to: "warm")
        let finished = try await MigrationWorker(lake: opened).runNextJob()
        #expect(finished?.id == job.id && finished?.state == .failed)
        #expect(finished?.error?.contains("cannot be adopted") == true, "\(finished?.error ?? "")")
        for tier in try lake.placements().values { #expect(tier == "hot") }
    }

    // MARK: - The worker's checks before deleting

    /// The folder of warm is swapped for a symlink to hot after the lake was opened and the job queued:
    /// the worker finds hot's identity at the destination and deletes nothing.
    @Test func aTierFolderSwappedAfterQueueingDeletesNothing() async throws {
        let hashes = try lake.ingestObjects("a", count: 5, size: 3000)
        let job = try lake.owner.queueMigration("a", to: "warm")
        let warm = lake.root + "/tiers/warm"
        try FileManager.default.removeItem(atPath: warm)
        try FileManager.default.createSymbolicLink(atPath: warm, withDestinationPath: "hot")
        let finished = try await MigrationWorker(lake: lake.owner).runNextJob()
        #expect(finished?.id == job.id && finished?.state == .failed)
        #expect(finished?.error?.contains("tier 'hot' of lake") == true, "\(finished?.error ?? "")")
        let hot = try lake.owner.tier(named: "hot")
        for hash in hashes { #expect(hot.contains(try ObjectDigest(hex: hash).orThrow()), "object \(hash) kept") }
    }

    /// The warm folder is replaced by another lake's warm tier between queueing and running.
    @Test func aDestinationOfAnotherLakeDeletesNothing() async throws {
        let hashes = try lake.ingestObjects("a", count: 4, size: 3000)
        _ = try lake.owner.queueMigration("a", to: "warm")
        let other = try TemporaryLake()
        let warm = lake.root + "/tiers/warm"
        try FileManager.default.removeItem(atPath: warm)
        try FileManager.default.copyItem(atPath: other.root + "/tiers/warm", toPath: warm)
        let finished = try await MigrationWorker(lake: lake.owner).runNextJob()
        #expect(finished?.state == .failed)
        #expect(finished?.error?.contains("of lake \(other.owner.id)") == true, "\(finished?.error ?? "")")
        for hash in hashes { #expect(try lake.tiersHolding(hash) == ["hot"]) }
    }

    /// The check itself: the same directory entry under two names is refused, a hard-linked copy in
    /// another tier (how a move within one file system stages) passes, and a missing copy is refused.
    @Test func theDeleteCheckTellsASecondNameFromASecondCopy() async throws {
        let hashes = try lake.ingestObjects("a", count: 1, size: 3000)
        let object = try #require(try lake.owner.catalog.records(CatalogObject.self, "SELECT * FROM object").first)
        let hot = try lake.owner.tier(named: "hot")
        let warm = try lake.owner.tier(named: "warm")
        let digest = try ObjectDigest(hex: hashes[0]).orThrow()
        await #expect(throws: LakeIntegrityError.sameFile(tier: "hot", keeper: "hot", path: hot.path(of: digest))) {
            try await lake.owner.checkDeletable(object, from: hot, keptIn: hot)
        }
        await #expect(throws: LakeIntegrityError.keeperCopyMissing(tier: "hot", keeper: "warm", object: object.sha256)) {
            try await lake.owner.checkDeletable(object, from: hot, keptIn: warm)
        }
        try FileManager.default.createDirectory(atPath: warm.folder(of: digest), withIntermediateDirectories: true)
        #expect(link(hot.path(of: digest), warm.path(of: digest)) == 0)
        try await lake.owner.checkDeletable(object, from: hot, keptIn: warm)
    }
}
