import Foundation
import TestSupport
import Testing

/// `medlake worker` beside a served lake: it takes jobs from the service over the lake's socket
/// (``MigrationCoordinator``) and never opens the catalog, so the service switches every placement; a
/// user without the migrate permission cannot claim a job from the CLI or the socket, and a worker whose
/// service is down waits for it instead of opening the catalog behind it.
@Suite(.serialized, .enabled(if: UnixUsers.available, "needs root to create Unix users"))
struct ServiceWorkerCLITests {
    private struct PlacementJSON: Decodable {
        var actor: String
        var details: [String: String]
    }

    /// Queues `ct` to the warm folder tier as root (an admin) and returns the job's id.
    private func queueMigration(_ served: ServedLake) throws -> Int64 {
        let queued = try served.medlake(["migrate", "start", "ct", "--to", "warm", "--json"], as: "root")
        try #require(queued.status == 0, "\(queued.stderr)")
        return try JSONDecoder().decode(JobJSON.self, from: Data(queued.stdout.utf8)).id
    }

    @Test(.enabled(if: TestCatalog.isSQLite, "hides catalog.sqlite behind a bind mount"))
    func theServiceAccountsWorkerMovesAJobWithoutOpeningTheCatalog() throws {
        let served = try ServedLake()
        let layout = TierLayout(lake: served.lake)
        let job = try queueMigration(served)
        // In a mount namespace of its own the catalog is an empty, unwritable file: a worker that opened it
        // would fail. Run as the service account, which could open the real one.
        let hidden = "mount --bind /dev/null \(served.lake)/catalog.sqlite && exec /usr/sbin/runuser -u \(served.service) -- "
            + "\(served.binary) worker --until-idle --lake \(served.lake)"
        let worker = try MedLakeProcess.run(
            ["-m", "--propagation", "private", "--", "/bin/sh", "-c", hidden], binary: "/usr/bin/unshare")
        #expect(worker.status == 0, "\(worker.stderr)")

        let jobs = try JSONDecoder().decode(
            [JobJSON].self, from: Data(try served.medlake(["migrate", "list", "--json"], as: served.bob).stdout.utf8))
        #expect(jobs.map(\.id) == [job] && jobs.map(\.state) == ["done"], "\(jobs)")
        #expect(Set(try layout.placements().values) == ["warm"])
        try layout.expectExactlyOnceAndVerified("after the worker")
        // The service switched the placements for the worker it names `ACCOUNT@HOST:PID`.
        let audit = try served.medlake(["audit", "list", "--action", "object.placement", "--json"], as: served.alice)
        let placements = try JSONDecoder().decode([PlacementJSON].self, from: Data(audit.stdout.utf8))
        #expect(!placements.isEmpty)
        #expect(
            placements.allSatisfy { $0.actor == served.service && ($0.details["worker"] ?? "").hasPrefix(served.service + "@") },
            "\(placements.map(\.details))")
    }

    @Test func aUserWithoutTheMigratePermissionCannotTakeAJob() throws {
        let served = try ServedLake()
        let job = try queueMigration(served)
        for user in [served.alice, served.carol] {
            let refused = try served.medlake(["worker", "--until-idle", "--log-format", "json"], as: user)
            #expect(refused.status == 1, "\(user): \(refused.stderr)")
            #expect(refused.stderr.contains("may not move data between tiers"), "\(user): \(refused.stderr)")
            let raw = try served.tool(
                "/usr/bin/curl",
                [
                    "-s", "-i", "--unix-socket", served.socket, "-H", "Content-Type: application/json", "--data",
                    #"{"holder":{"host":"evil","pid":1},"leaseSeconds":60}"#, "http://lake/v1/worker/claims",
                ], as: user)
            #expect(raw.stdout.hasPrefix("HTTP/1.1 403"), "\(raw.stdout)")
            #expect(try ProblemJSON(curlOutput: raw.stdout).code == "notPermitted")
        }
        let status = try served.medlake(["migrate", "status", String(job), "--json"], as: served.bob)
        #expect(try JSONDecoder().decode([JobJSON].self, from: Data(status.stdout.utf8)).map(\.state) == ["queued"], "\(status.stdout)")
    }

    @Test func aWorkerWhoseServiceIsDownWaitsForItInsteadOfOpeningTheCatalog() throws {
        let served = try ServedLake()
        _ = try queueMigration(served)
        served.kill()
        let worker = try served.medlake(["worker", "--until-idle"], as: served.service)
        #expect(worker.status == 1)
        #expect(worker.stderr.contains("the lake service is not running (\(served.socket)"), "\(worker.stderr)")
        try served.start()
        let jobs = try JSONDecoder().decode(
            [JobJSON].self, from: Data(try served.medlake(["migrate", "list", "--json"], as: served.bob).stdout.utf8))
        #expect(jobs.map(\.state) == ["queued"], "\(jobs)")
    }
}
