import Foundation
import Storage
import Testing

/// A remote worker (`medlake worker --lake http://…`) SIGKILLed right after writing a batch of copies to
/// the destination bucket, before reporting them (the fault point `migration.published`), whose job is
/// then cancelled: the next worker to claim the job deletes those copies, which no placement names,
/// except one whose source copy is gone (then it is the only copy and stays), and the job ends cancelled
/// with the copies counted and audited.
@Suite(.serialized, .enabled(
    if: UnixUsers.available && ProcessInfo.processInfo.environment["MEDLAKE_TEST_S3_ENDPOINT"] != nil,
    "needs root and SeaweedFS (`.ci/services.sh start DIR`, then source DIR/services.env)"))
struct RemoteWorkerCancelCLITests {
    /// A job as `migrate list --json` shows it.
    private struct JobJSON: Decodable {
        var id: Int64
        var toTier: String
        var state: String
        var objectsDone: Int64
        var strayCopiesRemoved: Int64
    }

    private struct AuditJSON: Decodable {
        var action: String
        var details: [String: String]
    }

    /// The digests under a bucket tier's `objects/`.
    private static func digests(in tier: S3Tier) async throws -> Set<String> {
        var found: Set<String> = []
        for try await digest in tier.list() { found.insert(digest.hex) }
        return found
    }

    @Test func aKilledWorkersUnreportedCopiesAreRemovedWhenItsJobIsCancelledButNeverTheOnlyCopy() async throws {
        let bucket = try SeaweedBucket()
        let served = try ServedLake()
        served.stop()
        let input = served.base + "/input-cancel"
        let generated = try MedLakeProcess.run([
            "dicom", "generate", "--count", "12", "--size", "256", "--seed", "77", "--output", input,
        ])
        try #require(generated.status == 0, "\(generated.stderr)")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: input)
        for file in try FileManager.default.contentsOfDirectory(atPath: input) {
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: input + "/" + file)
        }
        let ingested = try served.medlake(["ingest", input, "--dataset", "rc"], as: served.service)
        try #require(ingested.status == 0, "\(ingested.stderr)")
        let run = "rc-" + UUID().uuidString.lowercased()
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: served.lake + "/lake.toml"))
        handle.seekToEndOfFile()
        handle.write(Data((bucket.tier("clouda", prefix: run + "/a/") + bucket.tier("cloudb", prefix: run + "/b/")).utf8))
        try handle.close()
        let seeding = try served.medlake(["migrate", "rc", "--to", "clouda"], as: served.service)
        try #require(seeding.status == 0, "\(seeding.stderr)")
        let seeded = try served.medlake(["worker", "--until-idle"], as: served.service, environment: bucket.environment)
        try #require(seeded.status == 0, "\(seeded.stderr)")
        let source = try bucket.backend("clouda", prefix: run + "/a/")
        let destination = try bucket.backend("cloudb", prefix: run + "/b/")
        let originals = try await Self.digests(in: source)
        try #require(originals.count == 12)

        let queued = try served.medlake(["migrate", "rc", "--to", "cloudb"], as: served.service)
        try #require(queued.status == 0, "\(queued.stderr)")
        try served.start(["--listen", "127.0.0.1:0"])
        let found = served.readyLine.split(separator: " ").first { $0.hasPrefix("http://127.0.0.1:") }
        let url = String(try #require(found, "no URL in \(served.readyLine)")).trimmingCharacters(in: .punctuationCharacters)
        let made = try served.medlake(["token", "create", "rc-mover", "--role", "operator", "--expires", "1d"], as: "root")
        try #require(made.status == 0, "\(made.stderr)")
        var environment = bucket.environment
        environment["MEDLAKE_TOKEN"] = made.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let worker = ["worker", "--lake", url, "--until-idle", "--parallel", "2", "--lease", "2"]
        let job = { () throws -> JobJSON in
            let listed = try served.medlake(["migrate", "list", "--json"], as: served.service)
            let jobs = try JSONDecoder().decode([JobJSON].self, from: Data(listed.stdout.utf8))
            return try #require(jobs.first { $0.toTier == "cloudb" }, "\(listed.stdout)")
        }

        // The first worker kills itself once its first batch is in the bucket, unreported.
        let killed = try MedLakeProcess.run(
            worker, as: "root", environment: environment.merging(["MEDLAKE_FAULT_POINT": "migration.published"]) { $1 },
            binary: served.binary)
        #expect(killed.status != 0, "\(killed.stderr)")
        let strays = try await Self.digests(in: destination)
        try #require(!strays.isEmpty && strays.isSubset(of: originals), "no copies left at the destination")
        #expect(try job().state == "running" && job().objectsDone == 0)
        // One stray's source copy is lost meanwhile: its copy in the destination is now the only one.
        let onlyCopy = try #require(strays.sorted().first)
        try await source.delete(try #require(ObjectDigest(hex: onlyCopy)))

        let cancelled = try served.medlake(["migrate", "cancel", String(try job().id)], as: served.service)
        try #require(cancelled.status == 0, "\(cancelled.stderr)")
        // The killed worker's lease expires by the service's clock; then a worker takes the job over.
        var last = ""
        let ended = try TierLayout.waitUntil(timeout: 300) {
            let next = try MedLakeProcess.run(worker, as: "root", environment: environment, binary: served.binary)
            last = next.stderr
            return try job().state == "cancelled"
        }
        let final = try job()
        try #require(ended, "the job never ended cancelled: \(final) \(last)")
        #expect(final.objectsDone == 0)
        #expect(final.strayCopiesRemoved == Int64(strays.count - 1))
        #expect(try await Self.digests(in: destination) == [onlyCopy], "only the sole copy stays in the destination")
        #expect(try await Self.digests(in: source) == originals.subtracting([onlyCopy]))
        var damaged: [String] = []
        for hex in originals.subtracting([onlyCopy]) {
            guard let digest = ObjectDigest(hex: hex), try await source.verify(digest) else {
                damaged.append(hex)
                continue
            }
        }
        #expect(damaged.isEmpty, "damaged at the source: \(damaged)")
        let kept = try #require(ObjectDigest(hex: onlyCopy))
        #expect(try await destination.verify(kept))

        let audit = try served.medlake(["audit", "list", "--action", "migration.cleanup", "--json"], as: served.alice)
        let cleanups = try JSONDecoder().decode([AuditJSON].self, from: Data(audit.stdout.utf8))
        let removed = cleanups.flatMap { ($0.details["unswitchedObjectsRemoved"] ?? "").split(separator: ",").map(String.init) }
        #expect(Set(removed) == strays.subtracting([onlyCopy]), "\(audit.stdout)")
        let verified = try served.medlake(["audit", "verify"], as: served.alice)
        #expect(verified.status == 0 && verified.stdout.contains("Audit log intact"), "\(verified.stdout)\(verified.stderr)")
    }
}
