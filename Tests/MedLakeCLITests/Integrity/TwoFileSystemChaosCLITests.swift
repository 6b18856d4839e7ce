import Foundation
import Testing

/// Migrations between a disk folder and a tmpfs (two real file systems, so every move copies bytes)
/// while `medlake worker` processes are SIGKILLed at random instants; then a worker finishes the jobs,
/// and `fsck --full` finds the lake clean and `manifest verify` every object.
///
/// Mounting needs root; the tmpfs is unmounted at the end even when an expectation fails.
@Suite(.serialized)
struct TwoFileSystemChaosCLITests {
    static let runs = 20

    @Test func killedWorkersBetweenTwoFileSystemsLoseNothing() throws {
        let base = NSTemporaryDirectory() + "two-fs-chaos-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: base) }
        let mountPoint = base + "/tmpfs"
        try FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: true)
        try #require(Self.system("/bin/mount", "-t", "tmpfs", "-o", "size=64m,mode=0700", "tmpfs", mountPoint) == 0, "mounting needs root")
        defer { _ = Self.system("/bin/umount", mountPoint) == 0 || Self.system("/bin/umount", "-l", mountPoint) == 0 }

        let lake = try TierLayout.makeLake(in: base, count: 40, size: 24_000)
        #expect(try MedLakeProcess.run(["version", "publish", "d", "--lake", lake]).status == 0)
        let configuration = lake + "/lake.toml"
        let text = try String(contentsOfFile: configuration, encoding: .utf8)
        try text.replacingOccurrences(of: "path = \"tiers/warm\"", with: "path = \"\(mountPoint)/warm\"")
            .write(toFile: configuration, atomically: false, encoding: .utf8)

        var generator = SplitMix(seed: 11)
        var destination = "hot"
        for run in 0..<Self.runs {
            if try KillMidMigrationCLITests.unfinishedJobs(lake) == 0 {
                destination = destination == "warm" ? "hot" : "warm"
                let queued = try MedLakeProcess.run(["migrate", "d", "--to", destination, "--lake", lake])
                #expect(queued.status == 0, "run \(run): \(queued.stderr)")
            }
            let (worker, _, _) = try MedLakeProcess.start(
                ["worker", "--until-idle", "--lease", "1", "--throttle", "1", "--lake", lake])
            usleep(UInt32(generator.next() % 900_000))
            kill(worker.processIdentifier, SIGKILL)
            worker.waitUntilExit()
            usleep(1_100_000)  // let the lease expire so the next worker takes the job over
        }

        // Finish: a worker started before the last lease expired exits idle; start another until none is left.
        for _ in 0..<60 where try KillMidMigrationCLITests.unfinishedJobs(lake) != 0 {
            let finish = try MedLakeProcess.run(["worker", "--until-idle", "--lease", "1", "--lake", lake])
            #expect(finish.status == 0, "\(finish.stderr)")
            usleep(500_000)
        }
        #expect(try KillMidMigrationCLITests.unfinishedJobs(lake) == 0)
        let jobs = try MedLakeProcess.run(["migrate", "list", "--lake", lake, "--json"])
        let rows = try JSONSerialization.jsonObject(with: Data(jobs.stdout.utf8)) as? [[String: Any]] ?? []
        #expect(rows.contains { $0["state"] as? String == "done" && $0["toTier"] as? String == "warm" }, "\(jobs.stdout)")
        #expect(FileManager.default.fileExists(atPath: mountPoint + "/warm/.medlake-tier"), "the new folder was adopted")

        let fsck = try MedLakeProcess.run(["fsck", "--full", "--json", "--lake", lake])
        #expect(fsck.status == 0, "\(fsck.stdout)\(fsck.stderr)")
        let report = try JSONSerialization.jsonObject(with: Data(fsck.stdout.utf8)) as? [String: Any]
        #expect((report?["findings"] as? [Any])?.isEmpty == true, "\(fsck.stdout)")
        #expect(report?["objectsChecked"] as? Int == 40)
        let verified = try MedLakeProcess.run(["manifest", "verify", "d@latest", "--lake", lake])
        #expect(verified.status == 0 && verified.stdout.contains("40/40 objects ok"), "\(verified.stdout)\(verified.stderr)")
    }

    /// Runs a program to completion and returns its exit status.
    static func system(_ arguments: String...) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: arguments[0])
        process.arguments = Array(arguments.dropFirst())
        do {
            try process.run()
        } catch {
            return -1
        }
        process.waitUntilExit()
        return process.terminationStatus
    }
}
