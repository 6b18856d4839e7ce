import Foundation
import Storage
import Testing

/// `kill -9` of `medlake worker` while it moves objects into an S3 tier (SeaweedFS), then a restart and
/// a migration back: every object ends where the catalog says, with its original bytes.
@Suite(.serialized, .enabled(
    if: ProcessInfo.processInfo.environment["MEDLAKE_TEST_S3_ENDPOINT"] != nil
        || ProcessInfo.processInfo.environment["CI"] == "true",
    "SeaweedFS not configured: run `.ci/services.sh start DIR` and source DIR/services.env"))
struct KillMidS3MigrationCLITests {
    @Test func killedWorkerResumesAndBytesComeBackIdentical() throws {
        let environment = ProcessInfo.processInfo.environment
        let endpoint = try #require(environment["MEDLAKE_TEST_S3_ENDPOINT"], "MEDLAKE_TEST_S3_ENDPOINT is not set")
        let bucket = try #require(environment["MEDLAKE_TEST_S3_BUCKET"], "MEDLAKE_TEST_S3_BUCKET is not set")
        let base = NSTemporaryDirectory() + "kills3-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: base) }
        let lake = try TierLayout.makeLake(in: base, count: 20, size: 100_000)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: lake + "/lake.toml"))
        handle.seekToEndOfFile()
        handle.write(Data("""

            [tiers.cloud]
            kind = "s3"
            endpoint = "\(endpoint)"
            bucket = "\(bucket)"
            prefix = "kill-\(UUID().uuidString.lowercased())"
            access_key_env = "MEDLAKE_TEST_S3_ACCESS_KEY"
            secret_key_env = "MEDLAKE_TEST_S3_SECRET_KEY"

            """.utf8))
        try handle.close()
        var originals: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: base + "/input") {
            let data = try Data(contentsOf: URL(fileURLWithPath: base + "/input/" + name))
            originals[ContentHasher.digest(of: [UInt8](data)).hex] = data
        }

        #expect(try MedLakeProcess.run(["migrate", "d", "--to", "cloud", "--lake", lake]).status == 0)
        let layout = TierLayout(lake: lake)
        var killedWhileMoving = 0
        for _ in 0..<3 {
            let before = try layout.runningBytesDone()
            let (worker, _, _) = try MedLakeProcess.start(
                ["worker", "--until-idle", "--lease", "1", "--throttle", "1", "--lake", lake])
            // Kill once this worker has copied bytes (an event, not an instant), or when it ends by itself.
            _ = try TierLayout.waitUntil { try !worker.isRunning || layout.runningBytesDone() > before }
            if worker.isRunning { killedWhileMoving += 1 }
            kill(worker.processIdentifier, SIGKILL)
            worker.waitUntilExit()
            usleep(1_100_000)  // the 1 s lease runs out (wall clock), so the next worker takes the job over
        }
        #expect(killedWhileMoving >= 1, "the first worker is killed mid-move: 2 MB at 1 MB/s take two seconds")
        let finish = try MedLakeProcess.run(["worker", "--until-idle", "--lease", "1", "--lake", lake])
        #expect(finish.status == 0, "\(finish.stderr)")
        #expect(try KillMidMigrationCLITests.unfinishedJobs(lake) == 0)
        let hotObjects = try FileManager.default.subpathsOfDirectory(atPath: lake + "/tiers/hot/objects")
            .filter { $0.count > 3 }
        #expect(hotObjects.isEmpty, "every source copy was removed after its switch: \(hotObjects)")

        #expect(try MedLakeProcess.run(["migrate", "d", "--to", "hot", "--lake", lake]).status == 0)
        let back = try MedLakeProcess.run(["worker", "--until-idle", "--lake", lake])
        #expect(back.status == 0, "\(back.stderr)")
        for (hash, data) in originals {
            let path = lake + "/tiers/hot/objects/" + hash.prefix(2) + "/" + hash.dropFirst(2)
            #expect(FileManager.default.contents(atPath: path) == data, "object \(hash)")
        }
        #expect(try MedLakeProcess.run(["audit", "verify", "--lake", lake]).status == 0)
    }
}
