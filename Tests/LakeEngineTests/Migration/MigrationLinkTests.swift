import Foundation
import Storage
import Testing

@testable import LakeEngine

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Moves between tiers on one file system hard-link and re-hash; across file systems they copy.
@Suite struct MigrationLinkTests {
    let lake: TemporaryLake

    init() throws {
        lake = try TemporaryLake()
    }

    /// The inode number and link count of the file at `path`, or nil when it is absent.
    private func inode(_ path: String) -> (number: UInt64, links: UInt64)? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return (UInt64(info.st_ino), UInt64(info.st_nlink))
    }

    private func path(_ hash: String, in tier: String) throws -> String {
        try lake.owner.objectPath(try ObjectDigest(hex: hash).orThrow(), tier: tier)
    }

    @Test func aMoveOnOneFileSystemLinksTheSameInode() async throws {
        let hashes = try lake.ingestObjects("a", count: 4, size: 50_000)
        let before = try hashes.map { try inode(path($0, in: "hot"))?.number }
        try lake.owner.queueMigration("a", to: "warm")
        let finished = try await MigrationWorker(lake: lake.owner).runNextJob()
        #expect(finished?.state == .done && finished?.bytesDone == 200_000, "verified bytes are counted")
        for (hash, original) in zip(hashes, before) {
            let moved = inode(try path(hash, in: "warm"))
            #expect(moved?.number == original, "the object was linked, not copied")
            #expect(moved?.links == 1, "the source name was removed after the switch")
            #expect(inode(try path(hash, in: "hot")) == nil)
        }
        #expect(Set(try lake.placements().values) == ["warm"])
    }

    @Test func aHashMismatchOnALinkedObjectLeavesOnlyTheSource() async throws {
        let hashes = try lake.ingestObjects("a", count: 3, size: 4000)
        let damaged = try path(hashes[2], in: "hot")
        chmod(damaged, 0o600)
        try Data(repeating: 9, count: 4000).write(to: URL(fileURLWithPath: damaged))
        try lake.owner.queueMigration("a", to: "warm")
        let finished = try await MigrationWorker(lake: lake.owner).runNextJob()
        #expect(finished?.objectsFailed == 1 && finished?.objectsDone == 2)
        #expect(finished?.error?.contains("hash mismatch") == true)
        #expect(try lake.placements()[hashes[2]] == "hot")
        #expect(inode(damaged)?.links == 1, "the staged link was removed, the source kept")
        #expect(inode(try path(hashes[2], in: "warm")) == nil)
        let staged = try FileManager.default.contentsOfDirectory(atPath: try lake.owner.tier(named: "warm").root + "/tmp")
        #expect(staged.isEmpty, "\(staged)")
    }

    @Test(.enabled(if: TmpfsMount.permitted, "mounting a tmpfs needs root (CI runs as root); skipped"))
    func aMoveToAnotherFileSystemCopies() async throws {
        let hashes = try lake.ingestObjects("a", count: 3, size: 30_000)
        let warm = try lake.owner.tier(named: "warm").root
        let mount = try TmpfsMount(at: warm, size: "4m")
        defer { mount.unmount() }
        try lake.owner.queueMigration("a", to: "warm")
        let finished = try await MigrationWorker(lake: lake.owner).runNextJob()
        #expect(finished?.state == .done && finished?.bytesDone == 90_000)
        for hash in hashes {
            let moved = try path(hash, in: "warm")
            #expect(inode(moved)?.links == 1)
            #expect(try await FileSystemTier(name: "warm", root: warm).verify(try ObjectDigest(hex: hash).orThrow()))
            #expect(inode(try path(hash, in: "hot")) == nil)
        }
    }
}
