import Foundation
import Testing

/// A real user with the operator role (who may run migrations) tries to make the worker delete objects
/// by swapping a tier folder or removing a tier's identity, and to run `fsck --repair`: the tiers are the
/// service account's alone, so the file operations fail, the repair is refused and every object stays.
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
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            return process.terminationStatus
        }
        #expect(try shared.medlake(["roles", "grant", bob, "operator"], as: alice).status == 0)
        let ingested = try shared.medlake(["ingest", shared.input, "--dataset", "d", "--keep-unknown"], as: alice)
        #expect(ingested.status == 0, "\(ingested.stderr)")

        // Swapping warm for a symlink to hot, or removing hot's identity: the tiers are not bob's to touch.
        #expect(try shell("rm -rf \(lake)/tiers/warm && ln -s hot \(lake)/tiers/warm", as: bob) != 0)
        #expect(try shell("rm -f \(lake)/tiers/hot/.medlake-tier", as: bob) != 0)
        #expect(try shell("ls \(lake)/tiers", as: bob) != 0)
        #expect(FileManager.default.fileExists(atPath: lake + "/tiers/hot/.medlake-tier"))

        let repair = try shared.medlake(["fsck", "--repair"], as: bob)
        #expect(repair.status != 0)
        #expect(repair.stderr.contains("may not"), "\(repair.stderr)")

        // A migration bob starts is run by a worker of the service account (the one that may open the
        // tiers), and every object arrives intact.
        #expect(try shared.medlake(["migrate", "d", "--to", "warm"], as: bob).status == 0)
        #expect(try shared.medlake(["roles", "grant", shared.service, "operator"], as: alice).status == 0)
        let worker = try shared.medlake(["worker", "--until-idle"], as: shared.service)
        #expect(worker.status == 0, "\(worker.stderr)")
        let fsck = try shared.medlake(["fsck", "--full"], as: alice)
        #expect(fsck.status == 0, "\(fsck.stdout) \(fsck.stderr)")
    }
}
