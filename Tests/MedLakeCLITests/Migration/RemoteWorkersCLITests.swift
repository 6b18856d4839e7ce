import Foundation
import Storage
import Testing

/// `medlake worker --lake https://…`: workers on other hosts (each in a network namespace of its own,
/// reaching the host over a veth pair) claim jobs from one TLS lake service with operator tokens and
/// move objects bucket to bucket in SeaweedFS with their own keys, while one is killed mid-job and
/// another stopped with SIGTERM. The assertions are about end states: every object exactly once at its
/// destination with its bytes, every source gone, every switch made once and audited naming a token.
@Suite(.serialized, .enabled(
    if: UnixUsers.available && NetworkNamespace.available
        && ProcessInfo.processInfo.environment["MEDLAKE_TEST_S3_ENDPOINT"] != nil,
    "needs root, `ip` and SeaweedFS (`.ci/services.sh start DIR`, then source DIR/services.env)"))
struct RemoteWorkersCLITests {
    /// A job as `migrate list --json` shows it.
    private struct JobJSON: Decodable {
        struct Holder: Decodable {
            var host: String
            var pid: Int32
        }

        var id: Int64
        var target: String
        var toTier: String
        var state: String
        var objectsDone: Int64
        var objectsTotal: Int64
        var leaseHolder: Holder?
    }

    /// An audit entry with its details.
    private struct AuditJSON: Decodable {
        var actor: String
        var action: String
        var details: [String: String]
    }

    /// Waits, up to two minutes, for `process` to end. Polls `isRunning` rather than calling
    /// `waitUntilExit`, which spins a run loop that never turns on a task's thread.
    private static func waitForExit(_ process: Process) -> Bool {
        TierLayout.waitUntil(timeout: 120) { !process.isRunning }
    }

    /// The digests under a bucket tier's `objects/`.
    private static func digests(in tier: S3Tier) async throws -> [String] {
        var found: [String] = []
        for try await digest in tier.list() { found.append(digest.hex) }
        return found
    }

    @Test func threeWorkersOnThreeHostsMoveEveryObjectExactlyOnceThroughKillsAndStops() async throws {
        let bucket = try SeaweedBucket()
        let served = try ServedLake()
        served.stop()
        // Three datasets of ten 128 KiB images each: three jobs, one per worker.
        var originals: Set<String> = []
        for (index, name) in ["one", "two", "three"].enumerated() {
            let input = served.base + "/input-" + name
            let generated = try MedLakeProcess.run([
                "dicom", "generate", "--count", "10", "--size", "256", "--seed", String(40 + index), "--output", input,
            ])
            try #require(generated.status == 0, "\(generated.stderr)")
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: input)
            for file in try FileManager.default.contentsOfDirectory(atPath: input) {
                try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: input + "/" + file)
                let data = try Data(contentsOf: URL(fileURLWithPath: input + "/" + file))
                originals.insert(ContentHasher.digest(of: [UInt8](data)).hex)
            }
            let ingested = try served.medlake(["ingest", input, "--dataset", "rw-" + name], as: served.service)
            try #require(ingested.status == 0, "\(ingested.stderr)")
        }
        #expect(originals.count == 30)
        let run = "rw-" + UUID().uuidString.lowercased()
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: served.lake + "/lake.toml"))
        handle.seekToEndOfFile()
        handle.write(Data((bucket.tier("clouda", prefix: run + "/a/") + bucket.tier("cloudb", prefix: run + "/b/")).utf8))
        try handle.close()
        // Into the first bucket prefix with a worker beside the catalog, then three jobs to the second.
        for name in ["one", "two", "three"] {
            let queued = try served.medlake(["migrate", "rw-" + name, "--to", "clouda"], as: served.service)
            try #require(queued.status == 0, "\(queued.stderr)")
        }
        let seeded = try served.medlake(["worker", "--until-idle"], as: served.service, environment: bucket.environment)
        try #require(seeded.status == 0, "\(seeded.stderr)")
        for name in ["one", "two", "three"] {
            let queued = try served.medlake(["migrate", "rw-" + name, "--to", "cloudb"], as: served.service)
            try #require(queued.status == 0, "\(queued.stderr)")
        }

        // Three hosts; the service listens (with TLS) on the first one's link, which all three route to.
        let subnet = Int.random(in: 100...250)
        let hosts = try (1...3).map { try NetworkNamespace(subnet: subnet, index: $0) }
        let serviceAddress = hosts[0].hostAddress
        let authority = try TestCertificateAuthority(
            in: served.base + "/tls", name: "lake", addresses: ["127.0.0.1", serviceAddress])
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: served.base + "/tls")
        for path in [authority.serverCertificate, authority.caCertificate] {
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
        }
        try FileManager.default.setAttributes(
            [.posixPermissions: 0o600, .ownerAccountName: served.service], ofItemAtPath: authority.serverKey)
        try served.start([
            "--listen", serviceAddress + ":0", "--tls-cert", authority.serverCertificate, "--tls-key", authority.serverKey,
        ])
        let found = served.readyLine.split(separator: " ").first { $0.hasPrefix("https://\(serviceAddress):") }
        let url = String(try #require(found, "no URL in \(served.readyLine)")).trimmingCharacters(in: .punctuationCharacters)
        // The bucket's endpoint (127.0.0.1) inside each namespace leads, through the host, to SeaweedFS.
        let s3Port = try #require(URLComponents(string: bucket.endpoint)?.port)
        let hostRelay = try TCPRelay(listen: serviceAddress, port: 0, to: "127.0.0.1", s3Port)
        let relays = try hosts.map { host in
            try TCPRelay(listen: "127.0.0.1", port: s3Port, to: serviceAddress, hostRelay.port, in: host)
        }
        defer { _ = relays }

        var workers: [Process] = []
        defer {
            for worker in workers where worker.isRunning { kill(worker.processIdentifier, SIGKILL) }
        }
        for (index, host) in hosts.enumerated() {
            let made = try served.medlake(
                ["token", "create", "rw-worker\(index + 1)", "--role", "operator", "--expires", "1d"], as: "root")
            try #require(made.status == 0, "\(made.stderr)")
            let secret = made.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            // Logs go to files: a pipe nobody drains would stall a worker, and one read after the end could
            // wait on a copy of its write end another child inherited.
            let log = served.base + "/worker\(index + 1).log"
            try #require(FileManager.default.createFile(atPath: log, contents: nil), "cannot create \(log)")
            let worker = Process()
            worker.executableURL = URL(fileURLWithPath: NetworkNamespace.ip)
            worker.arguments = host.prefix([
                served.binary, "worker", "--lake", url, "--ca-file", authority.caCertificate, "--lease", "2",
                "--parallel", "1", "--throttle", "0.1",
            ])
            var environment = ProcessInfo.processInfo.environment.merging(bucket.environment) { $1 }
            environment["MEDLAKE_TOKEN"] = secret
            environment.removeValue(forKey: "MEDLAKE_LAKE")
            worker.environment = environment
            worker.standardOutput = FileHandle.nullDevice
            worker.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
            worker.standardInput = FileHandle.nullDevice
            try worker.run()
            workers.append(worker)
        }
        let log = { (worker: Process) -> String in
            let index = workers.firstIndex(of: worker) ?? 0
            return (try? String(contentsOfFile: served.base + "/worker\(index + 1).log", encoding: .utf8)) ?? ""
        }

        let jobs = { () throws -> [JobJSON] in
            let listed = try served.medlake(["migrate", "list", "--json"], as: served.service)
            return try JSONDecoder().decode([JobJSON].self, from: Data(listed.stdout.utf8)).filter { $0.toTier == "cloudb" }
        }
        // Each worker holds a job, and each job has switched some objects: then one holder is killed and
        // another is stopped.
        // The holders are taken from the listing that showed all three moving: on a loaded machine a
        // 2-second lease can change hands before another listing.
        var seen: [JobJSON] = []
        let allMoving = try TierLayout.waitUntil(timeout: 600) {
            seen = try jobs()
            return seen.count == 3 && seen.allSatisfy { $0.state == "running" && $0.objectsDone > 0 }
                && Set(seen.compactMap { $0.leaseHolder?.pid }).count == 3
        }
        try #require(allMoving, "the three workers never all moved objects: \(seen)")
        let running = seen.sorted { $0.id < $1.id }
        let killed = try #require(workers.first { $0.processIdentifier == running[0].leaseHolder?.pid })
        let stopped = try #require(workers.first { $0.processIdentifier == running[1].leaseHolder?.pid })
        kill(killed.processIdentifier, SIGKILL)
        kill(stopped.processIdentifier, SIGTERM)
        #expect(Self.waitForExit(killed) && Self.waitForExit(stopped))
        #expect(killed.terminationReason == .uncaughtSignal)
        #expect(stopped.terminationStatus == 0, "a stopped worker exits 0 once its job is back in the queue: \(log(stopped))")

        // The survivor finishes its job, then takes over the killed worker's (its lease expires by the
        // service's clock) and the stopped worker's (queued again).
        let finished = try TierLayout.waitUntil(timeout: 900) { try jobs().allSatisfy { $0.state == "done" } }
        let survivor = try #require(workers.first { $0.isRunning })
        kill(survivor.processIdentifier, SIGTERM)
        #expect(Self.waitForExit(survivor))
        let survivorLog = log(survivor)
        let ended = try jobs()
        try #require(finished, "jobs: \(ended)\nsurvivor: \(survivorLog)")
        #expect(survivor.terminationStatus == 0, "\(survivorLog)")
        #expect(try jobs().allSatisfy { $0.objectsDone == 10 && $0.objectsTotal == 10 })

        // Every object once at the destination, with its bytes; none left at the source.
        let destination = try bucket.backend("cloudb", prefix: run + "/b/")
        let source = try bucket.backend("clouda", prefix: run + "/a/")
        let there = try await Self.digests(in: destination)
        #expect(there.count == originals.count && Set(there) == originals)
        let expected = originals.sorted()
        var damaged: [String] = []
        for hex in expected {
            guard let digest = ObjectDigest(hex: hex), try await destination.verify(digest) else {
                damaged.append(hex)
                continue
            }
        }
        #expect(damaged.isEmpty, "damaged or missing at the destination: \(damaged)")
        let left = try await Self.digests(in: source)
        #expect(left.isEmpty, "sources left: \(left)")

        // Each object switched exactly once, by a token's worker; the killed job was taken over.
        let audit = try served.medlake(["audit", "list", "--action", "object.placement", "--json"], as: served.alice)
        let placements = try JSONDecoder().decode([AuditJSON].self, from: Data(audit.stdout.utf8))
            .filter { $0.details["to"] == "cloudb" }
        let switched = placements.flatMap { ($0.details["objects"] ?? "").split(separator: " ").map(String.init) }
        #expect(switched.count == originals.count && Set(switched) == originals, "switches: \(switched.count)")
        #expect(placements.allSatisfy { $0.actor.hasPrefix("token:rw-worker") && ($0.details["worker"] ?? "").hasPrefix($0.actor + "@") })
        #expect(Set(placements.map(\.actor)).count >= 2, "\(placements.map(\.actor))")
        let takeovers = try served.medlake(["audit", "list", "--action", "migration.takeover", "--json"], as: served.alice)
        let taken = try JSONDecoder().decode([AuditJSON].self, from: Data(takeovers.stdout.utf8))
        #expect(taken.contains { ($0.details["previousWorker"] ?? "").hasSuffix(":\(killed.processIdentifier)") }, "\(taken)")
        let checked = try served.medlake(["fsck"], as: "root")
        #expect(checked.status == 0, "\(checked.stdout)\(checked.stderr)")
        let verified = try served.medlake(["audit", "verify"], as: served.alice)
        #expect(verified.status == 0 && verified.stdout.contains("Audit log intact"), "\(verified.stdout)\(verified.stderr)")
    }
}
