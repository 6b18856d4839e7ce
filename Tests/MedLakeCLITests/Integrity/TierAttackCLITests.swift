import Foundation
import Testing

/// A real group member with the operator role (who may write the tier folders and run migrations)
/// tries to make the worker delete objects by swapping a tier folder or removing a tier's identity,
/// and to run `fsck --repair`; every attempt is refused and every object stays.
@Suite(.serialized, .enabled(if: UnixUsers.available, "needs root to create Unix users"))
struct TierAttackCLITests {
    @Test func anOperatorCannotGetObjectsDeletedThroughTierFolders() throws {
        let shared = try GroupLake("tier-attack", users: ["alice", "bob"])
        let (alice, bob, lake) = (shared.owner, shared.users.names[1], shared.lake)
        try shared.writeInputs(3)
        func shell(_ command: String, as user: String) throws -> Int32 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/sbin/runuser")
            process.arguments = ["-u", user, "--", "/bin/sh", "-c", command]
            try process.run()
            process.waitUntilExit()
            return process.terminationStatus
        }
        #expect(try shared.medlake(["roles", "grant", bob, "operator"], as: alice).status == 0)
        let ingested = try shared.medlake(["ingest", shared.input, "--dataset", "d", "--keep-unknown"], as: alice)
        #expect(ingested.status == 0, "\(ingested.stderr)")
        func objectsIntact() throws -> Bool {
            let fsck = try shared.medlake(["fsck", "--full"], as: alice)
            #expect(fsck.status == 0, "\(fsck.stdout) \(fsck.stderr)")
            return fsck.status == 0
        }

        // Swap warm for a symlink to hot: the lake no longer opens, for bob as for anyone.
        #expect(try shell("rm -rf \(lake)/tiers/warm && ln -s hot \(lake)/tiers/warm", as: bob) == 0)
        let swapped = try shared.medlake(["migrate", "d", "--to", "warm"], as: bob)
        #expect(swapped.status != 0)
        #expect(swapped.stderr.contains("key 'tiers.warm.path'"), "\(swapped.stderr)")
        #expect(try shell("rm \(lake)/tiers/warm && mkdir \(lake)/tiers/warm", as: bob) == 0)

        // Remove hot's identity: bob (no admin) cannot adopt a tier holding objects, so nothing is deleted from it.
        #expect(try shell("rm -f \(lake)/tiers/hot/.medlake-tier", as: bob) == 0)
        #expect(try shared.medlake(["migrate", "d", "--to", "warm"], as: bob).status == 0)
        let worker = try shared.medlake(["worker", "--until-idle"], as: bob)
        let jobs = try shared.medlake(["migrate", "list", "--json"], as: bob)
        #expect(jobs.stdout.contains("\"failed\""), "\(jobs.stdout) \(worker.stderr)")
        #expect(!FileManager.default.fileExists(atPath: lake + "/tiers/hot/.medlake-tier"), "bob did not adopt hot")

        let repair = try shared.medlake(["fsck", "--repair"], as: bob)
        #expect(repair.status != 0)
        #expect(repair.stderr.contains("may not"), "\(repair.stderr)")

        // The admin's next command adopts hot again (it holds every object the catalog places there).
        #expect(try shared.medlake(["datasets"], as: alice).status == 0)
        #expect(try objectsIntact())
        #expect(FileManager.default.fileExists(atPath: lake + "/tiers/hot/.medlake-tier"))
    }
}
