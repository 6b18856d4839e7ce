import Foundation
import Testing

/// `kill -9` of `medlake serve` while a promotion is being approved and while a migration is half-way:
/// the caller is told at once that the service is gone (naming its socket), a restarted service picks
/// the work up, and nothing is lost or done twice — the counts, `manifest verify`, `audit verify` and
/// `fsck` say so.
///
/// The kills land at known states, never at an instant: the service kills itself at a fault point of the
/// promotion (debug builds only, see `FaultPoint`), and the migration's worker kills itself once a batch
/// is published in the destination tier but not yet switched, after which the test kills the service.
@Suite(.serialized, .enabled(if: UnixUsers.available, "needs root to create Unix users"))
struct ServiceKillCLITests {
    private struct VersionJSON: Decodable {
        var reference: String
    }

    /// `promote show --json`: the promotion beside its manifest diff.
    private struct ShownPromotionJSON: Decodable {
        var promotion: PromotionJSON
    }

    /// The service dies inside the approval that executes a promotion (after the derived objects are
    /// stored, or inside the publishing transaction): bob's `approve` fails with a message naming the
    /// socket; after a restart the promotion is approved, not half-published, and executing it publishes
    /// exactly one version holding every instance.
    @Test(arguments: ["promotion.objects-stored", "promotion.before-commit"])
    func aKillDuringApprovalIsFinishedOnceAfterARestart(faultPoint: String) throws {
        let served = try ServedLake()
        served.stop()
        try served.start(environment: ["MEDLAKE_FAULT_POINT": faultPoint])
        let requested = try served.medlake(
            ["promote", "request", "ct@2", "--to", "curated", "--reason", "lab", "--json"], as: served.alice)
        let promotion = try decode(PromotionJSON.self, requested)

        let cut = try served.medlake(["promote", "approve", String(promotion.id), "--comment", "ok", "--json"], as: served.bob)
        #expect(cut.status == 1)
        let lost = try decode(FailureJSON.self, stderr: cut)
        #expect(lost.code == "serviceUnavailable")
        #expect(lost.message.contains("the lake service closed the connection before answering (\(served.socket))"), "\(lost.message)")
        served.waitForExit()
        #expect(served.server?.terminationReason == .uncaughtSignal && served.server?.terminationStatus == SIGKILL)
        try expectServiceDown(served)

        try served.start()
        let shown = try served.medlake(["promote", "show", String(promotion.id), "--json"], as: served.alice)
        #expect(try decode(ShownPromotionJSON.self, shown).promotion.state == "approved", "\(shown.stdout)\(shown.stderr)")
        let executed = try served.medlake(["promote", "execute", String(promotion.id), "--json"], as: served.bob)
        #expect(executed.status == 0, "\(executed.stderr)")
        #expect(try decode(PromotionJSON.self, executed).target == "ct@3")
        // Executing it again (a client retrying after the lost answer) changes nothing.
        let again = try served.medlake(["promote", "execute", String(promotion.id), "--json"], as: served.bob)
        #expect(try decode(PromotionJSON.self, again).target == "ct@3")

        // Exactly one version published, once, holding every instance, with intact bytes.
        let versions = try decode([VersionJSON].self, try served.medlake(["version", "list", "ct", "--json"], as: served.alice))
        #expect(versions.map(\.reference).filter { !["ct@1", "ct@2"].contains($0) } == ["ct@3"])
        let executions = try decode(
            [EntryJSON].self, try served.medlake(["audit", "list", "--action", "promotion.execute", "--json"], as: served.alice))
        #expect(executions.count == 1, "\(executions.map(\.action))")
        try expectLakeIntact(served, version: "ct@3")
    }

    /// A worker moving the dataset to `warm` dies with a batch published there but not switched, and the
    /// service is killed at that state (a host losing power). Clients are told the service is down; after
    /// a restart the job is still `running`, the next worker takes it over, and every object ends in
    /// `warm` exactly once with its bytes.
    @Test func aKillDuringAMigrationLosesNothing() throws {
        let served = try ServedLake()
        let layout = TierLayout(lake: served.lake)
        let queued = try served.medlake(["migrate", "start", "ct", "--to", "warm", "--json"], as: "root")
        let job = try decode(JobJSON.self, queued)

        let (worker, _, _) = try MedLakeProcess.start(
            ["worker", "--until-idle", "--lease", "1", "--lake", served.lake], as: served.service,
            environment: ["MEDLAKE_FAULT_POINT": "migration.published"], binary: served.binary)
        worker.waitUntilExit()
        #expect(worker.terminationStatus == 128 + SIGKILL, "runuser reports the worker's SIGKILL")
        let inTwoTiers = try layout.filesByObject().values.filter { $0.count == 2 }
        #expect(!inTwoTiers.isEmpty, "the batch is published in warm and still placed in hot")
        served.kill()
        try expectServiceDown(served)

        try served.start()
        let status = try served.medlake(["migrate", "status", "--json"], as: served.bob)
        #expect(try decode([JobJSON].self, status).map(\.state) == ["running"], "\(status.stdout)\(status.stderr)")
        // The dead worker's one-second lease runs out (wall clock), so the next worker may take the job over.
        usleep(1_100_000)
        let finished = try MedLakeProcess.run(
            ["worker", "--until-idle", "--lease", "1", "--lake", served.lake], as: served.service, binary: served.binary)
        #expect(finished.status == 0, "\(finished.stderr)")

        let jobs = try decode([JobJSON].self, try served.medlake(["migrate", "list", "--json"], as: served.bob))
        #expect(jobs.map(\.id) == [job.id] && jobs.map(\.state) == ["done"], "\(jobs)")
        try layout.expectExactlyOnceAndVerified("after the restart")
        #expect(Set(try layout.placements().values) == ["warm"])
        #expect(try layout.stagedFiles().isEmpty && layout.publishingItems() == 0)
        let takeovers = try decode(
            [EntryJSON].self, try served.medlake(["audit", "list", "--action", "migration.takeover", "--json"], as: served.alice))
        #expect(takeovers.count == 1, "the next worker resumed the killed job")
        try expectLakeIntact(served, version: "ct@2")
    }

    // MARK: - Checks

    /// While the service is down, a call fails at once with exit status 1, naming the socket and how to
    /// start the service, as text and as JSON.
    private func expectServiceDown(_ served: ServedLake) throws {
        let text = try served.medlake(["promote", "list"], as: served.alice)
        #expect(text.status == 1)
        #expect(text.stderr.hasPrefix("medlake: error: the lake service is not running (\(served.socket): "), "\(text.stderr)")
        #expect(text.stderr.contains("start it with `medlake serve`"), "\(text.stderr)")
        let json = try served.medlake(["migrate", "status", "--json"], as: served.bob)
        #expect(json.status == 1)
        #expect(try decode(FailureJSON.self, stderr: json).code == "serviceUnavailable", "\(json.stderr)")
    }

    /// The dataset still counts its four instances, `version`'s manifest re-hashes clean, the audit chain
    /// verifies and `fsck --full` (asked by root, the admin; the service runs it as its own account) finds
    /// nothing: no stray object, staged copy or half-written row.
    private func expectLakeIntact(_ served: ServedLake, version: String) throws {
        let shown = try served.medlake(["dataset", "show", "ct", "--json"], as: served.alice)
        let dataset = try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any]
        #expect(dataset?["instanceCount"] as? Int == 4, "\(shown.stdout)\(shown.stderr)")
        let verified = try decode(
            VerificationJSON.self, try served.medlake(["manifest", "verify", version, "--json"], as: served.alice))
        #expect(verified.manifestIntact && verified.entryCount == 4 && verified.okCount == 4, "\(verified)")
        let audit = try served.medlake(["audit", "verify"], as: served.alice)
        #expect(audit.status == 0 && audit.stdout.contains("Audit log intact"), "\(audit.stdout)\(audit.stderr)")
        let fsck = try MedLakeProcess.run(
            ["fsck", "--full", "--json", "--lake", served.lake], as: "root", binary: served.binary)
        #expect(fsck.status == 0, "\(fsck.stdout)\(fsck.stderr)")
        let report = try JSONSerialization.jsonObject(with: Data(fsck.stdout.utf8)) as? [String: Any]
        #expect((report?["findings"] as? [Any])?.isEmpty == true, "\(fsck.stdout)")
    }

    private func decode<T: Decodable>(_ type: T.Type, _ result: MedLakeProcess.Result) throws -> T {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try #require(
            try? decoder.decode(T.self, from: Data(result.stdout.utf8)), "not a \(T.self): \(result.stdout)\(result.stderr)")
    }

    private func decode<T: Decodable>(_ type: T.Type, stderr result: MedLakeProcess.Result) throws -> T {
        try #require(try? JSONDecoder().decode(T.self, from: Data(result.stderr.utf8)), "not a \(T.self): \(result.stderr)")
    }
}
