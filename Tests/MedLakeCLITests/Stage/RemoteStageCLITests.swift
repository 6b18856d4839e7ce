import Foundation
import Storage
import Testing

/// `medlake stage` through the lake service over TLS, as a pod runs it: a real Unix user who cannot read
/// the lake folder and holds no tier credentials, with nothing but the service's URL, its CA and a token.
/// Every refusal a stranger could try is tried with real processes (`curl` for the raw routes).
@Suite(.serialized, .enabled(if: UnixUsers.available, "needs root to create Unix users"))
struct RemoteStageCLITests {
    private struct ReportJSON: Decodable {
        var version: String
        var files: Int
        var methods: [String: Int]
        var run: Int64?
        var directory: String
        var restoredObjects: Int64
    }

    private struct ManifestJSON: Decodable {
        struct Entry: Decodable {
            var path: String
            var sha256: String
            var size: Int64
        }

        var entries: [Entry]
    }

    private struct PlanJSON: Decodable {
        struct File: Decodable {
            var index: Int
            var access: String
            var url: String
        }

        var id: String
        var files: [File]
    }

    private struct FailureJSON: Decodable {
        var code: String
        var message: String
    }

    private struct TokenJSON: Decodable {
        var name: String
        var state: String
    }

    /// A served lake (``ServedLake``: `ct@2`, labelled internal so annotators may read it) listening on
    /// 127.0.0.1 over TLS, and the tools to act as a pod against it.
    private struct StagingService {
        let served: ServedLake
        let authority: TestCertificateAuthority
        let url: String

        /// With `s3Endpoint`, the lake gains an S3 tier `cloud` on that bucket and `ct` moves there
        /// before the service starts listening (the service reads the tier's keys from its environment).
        init(s3Endpoint: String? = nil, bucket: String? = nil) throws {
            let served = try ServedLake()
            self.served = served
            authority = try served.certificateAuthority()
            let labelled = try served.medlake(["label", "ct", "--sensitivity", "internal"], as: served.service)
            try #require(labelled.status == 0, "\(labelled.stderr)")
            url = try served.restartOverTLS(authority) {
                if let s3Endpoint, let bucket { try Self.moveToBucket(served, endpoint: s3Endpoint, bucket: bucket) }
            }
        }

        /// Adds tier `cloud` in `bucket` to `lake.toml` and migrates `ct` into it, as the service account.
        private static func moveToBucket(_ served: ServedLake, endpoint: String, bucket: String) throws {
            let toml = try FileHandle(forWritingTo: URL(fileURLWithPath: served.lake + "/lake.toml"))
            try toml.seekToEnd()
            try toml.write(contentsOf: Data("""

                [tiers.cloud]
                kind = "s3"
                endpoint = "\(endpoint)"
                bucket = "\(bucket)"
                prefix = "remote-stage-\(UUID().uuidString.lowercased())"
                access_key_env = "MEDLAKE_TEST_S3_ACCESS_KEY"
                secret_key_env = "MEDLAKE_TEST_S3_SECRET_KEY"

                """.utf8))
            try toml.close()
            for arguments in [["migrate", "start", "ct", "--to", "cloud"], ["worker", "--until-idle"]] {
                let moved = try served.medlake(arguments, as: served.service)
                try #require(moved.status == 0, "\(arguments): \(moved.stderr)")
            }
        }

        /// Makes token `name` as root (an admin) over the socket and returns its secret.
        func token(_ name: String, role: String = "annotator", expires: String = "30d") throws -> String {
            let made = try served.medlake(["token", "create", name, "--role", role, "--expires", expires], as: "root")
            try #require(made.status == 0, "\(made.stderr)")
            return made.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        }

        /// A folder owned by `user`, mode 0700, to stage into.
        func scratch(for user: String) throws -> String {
            let path = served.base + "/scratch-" + UUID().uuidString
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
            try FileManager.default.setAttributes([.posixPermissions: 0o700, .ownerAccountName: user], ofItemAtPath: path)
            return path
        }

        /// Runs `medlake stage arguments… --lake URL --ca-file CA` as `user` with the token in
        /// `$MEDLAKE_TOKEN` and the test's own S3 credentials blanked: a pod holds none.
        func stage(_ arguments: [String], as user: String, token: String) throws -> MedLakeProcess.Result {
            try remote(["stage"] + arguments, as: user, token: token)
        }

        /// Runs `medlake arguments… --lake URL --ca-file CA` as `user` with the token, as ``stage(_:as:token:)``
        /// does, and `environment` added (a pod's downward-API variables).
        func remote(
            _ arguments: [String], as user: String, token: String, environment: [String: String] = [:]
        ) throws -> MedLakeProcess.Result {
            var variables = ["MEDLAKE_TOKEN": token]
            for name in ProcessInfo.processInfo.environment.keys where name.contains("S3") || name.hasPrefix("AWS_") {
                variables[name] = ""
            }
            variables.merge(environment) { $1 }
            return try MedLakeProcess.run(
                arguments + ["--lake", url, "--ca-file", authority.caCertificate], as: user, environment: variables,
                binary: served.binary)
        }

        /// `curl -s --cacert CA arguments…` as `user`.
        func curl(_ arguments: [String], as user: String) throws -> MedLakeProcess.Result {
            try served.tool("/usr/bin/curl", ["-s", "--cacert", authority.caCertificate] + arguments, as: user)
        }

        /// The HTTP status of a GET of `path` on the service with `token` (and a `Range` when given).
        func status(of path: String, token: String, as user: String, range: String? = nil) throws -> String {
            let headers = ["-H", "Authorization: Bearer \(token)"] + (range.map { ["-H", "Range: \($0)"] } ?? [])
            return try curl(headers + ["-o", "/dev/null", "-w", "%{http_code}", url + path], as: user).stdout
        }
    }

    private func manifest(in folder: String) throws -> ManifestJSON {
        try JSONDecoder().decode(ManifestJSON.self, from: Data(contentsOf: URL(fileURLWithPath: folder + "/manifest.json")))
    }

    @Test func aPodWithOnlyATokenStagesOverTLSVerifiedAndBoundToItsRun() throws {
        let service = try StagingService()
        let served = service.served
        let secret = try service.token("trainer")
        // carol holds no role and cannot even list the lake's objects: everything comes through the service.
        let peek = try served.tool("/bin/ls", [served.lake + "/tiers/hot/objects"], as: served.carol)
        #expect(peek.status != 0, "the pod user must not reach the lake folder")

        let recorded = try served.medlake(
            [
                "run", "record", "--manifest", "ct@2", "--image", "sha256:" + String(repeating: "a", count: 64),
                "--commit", "0123456789abcdef", "--workflow", "wf", "--quiet",
            ],
            as: served.service)
        let run = try #require(Int64(recorded.stdout.trimmingCharacters(in: .whitespacesAndNewlines)), "\(recorded.stderr)")
        let folder = try service.scratch(for: served.carol) + "/ct"
        let staged = try service.stage(["ct@2", "--to", folder, "--run", String(run), "--json"], as: served.carol, token: secret)
        #expect(staged.status == 0, "\(staged.stderr)")
        let report = try JSONDecoder().decode(ReportJSON.self, from: Data(staged.stdout.utf8))
        let entries = try manifest(in: folder).entries
        #expect(report.version == "ct@2" && report.files == entries.count && report.run == run)
        #expect(report.methods == ["download": entries.count], "folder objects are streamed by the service")
        for entry in entries {
            let file = try ContentHasher.digest(ofFileAt: folder + "/" + entry.path.trimmingPrefix("/"))
            #expect(file.digest.hex == entry.sha256 && file.size == entry.size, "\(entry.path)")
        }
        #expect(!FileManager.default.fileExists(atPath: folder + "/.medlake-partial"))

        let again = try service.stage(["ct@2", "--to", folder, "--json"], as: served.carol, token: secret)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try JSONDecoder().decode(ReportJSON.self, from: Data(again.stdout.utf8)).methods == ["already-verified": entries.count])

        let log = try served.medlake(
            ["audit", "list", "--actor", "token:trainer", "--action", "version.stage", "--json"], as: served.alice)
        let audited = try JSONDecoder().decode([EntryJSON].self, from: Data(log.stdout.utf8))
        #expect(audited.count == 2 && audited.allSatisfy { $0.target == "ct@2" }, "\(log.stdout)")
        let shown = try served.medlake(["run", "show", String(run)], as: served.service)
        #expect(shown.stdout.contains("staged into \(folder) (\(entries.count) files"), "\(shown.stdout)")
    }

    /// The whole pod: it records its run from its environment, stages for it and reads the run back, all
    /// through the service with a token; a token whose role may not record runs is refused.
    @Test func aPodRecordsItsRunThroughTheServiceStagesForItAndReadsItBack() throws {
        let service = try StagingService()
        let served = service.served
        let secret = try service.token("pipeline", role: "operator")
        let pod = [
            "MEDLAKE_IMAGE_DIGEST": "sha256:" + String(repeating: "c", count: 64), "MEDLAKE_COMMIT": "0123abcd",
            "MEDLAKE_WORKFLOW_HASH": "wf-7", "POD_NAME": "train-0", "POD_NAMESPACE": "ml", "NODE_NAME": "gpu-3",
            "ARGO_WORKFLOW_NAME": "train-x7k2",
        ]
        let recorded = try service.remote(
            ["run", "record", "--manifest", "ct@2", "--param", "epochs=10", "--json"], as: served.carol, token: secret,
            environment: pod)
        #expect(recorded.status == 0, "\(recorded.stderr)")
        let run = try JSONDecoder().decode(RunJSON.self, from: Data(recorded.stdout.utf8))
        #expect(run.pod == "train-0" && run.node == "gpu-3" && run.workflowRun == "argo:train-x7k2" && run.version == "ct@2")
        #expect(run.recordedBy == "token:pipeline", "the run names the token, not the Unix user")

        let folder = try service.scratch(for: served.carol) + "/ct"
        let staged = try service.stage(["ct@2", "--to", folder, "--run", String(run.id)], as: served.carol, token: secret)
        #expect(staged.status == 0, "\(staged.stderr)")
        let shown = try service.remote(["run", "show", String(run.id)], as: served.carol, token: secret)
        for text in ["run \(run.id) on ct@2", "pod: train-0", "workflow run: argo:train-x7k2", "parameters: epochs=10",
                     "staged into \(folder)"] {
            #expect(shown.stdout.contains(text), "run show lacks '\(text)':\n\(shown.stdout)\(shown.stderr)")
        }
        let listed = try service.remote(["run", "list", "--manifest", "ct@2", "--json"], as: served.carol, token: secret)
        #expect(try JSONDecoder().decode([RunJSON].self, from: Data(listed.stdout.utf8)).map(\.id) == [run.id])
        let audit = try served.medlake(["audit", "list", "--action", "run.record", "--json"], as: served.alice)
        #expect(try JSONDecoder().decode([EntryJSON].self, from: Data(audit.stdout.utf8)).map(\.actor) == ["token:pipeline"])

        let annotator = try service.token("labeller")
        let refused = try service.remote(
            ["run", "record", "--manifest", "ct@2", "--json"], as: served.carol, token: annotator, environment: pod)
        #expect(refused.status == 1)
        #expect(try JSONDecoder().decode(FailureJSON.self, from: Data(refused.stderr.utf8)).code == "permissionDenied")
    }

    private struct RunJSON: Decodable {
        var id: Int64
        var version: String
        var pod: String?
        var node: String?
        var workflowRun: String?
        var recordedBy: String
    }

    @Test func aTokenWithoutReadAccessIsRefusedWithAStableCodeAndNothingWritten() throws {
        let service = try StagingService()
        let served = service.served
        let restricted = try served.medlake(["label", "ct", "--sensitivity", "restricted"], as: served.alice)
        try #require(restricted.status == 0, "\(restricted.stderr)")
        let secret = try service.token("outsider")
        let folder = try service.scratch(for: served.carol) + "/ct"
        let refused = try service.stage(["ct@2", "--to", folder, "--json"], as: served.carol, token: secret)
        #expect(refused.status == 1)
        let failure = try JSONDecoder().decode(FailureJSON.self, from: Data(refused.stderr.utf8))
        #expect(failure.code == "accessDenied" && failure.message.contains("token:outsider"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder), "nothing written for a refused read")
    }

    @Test func aStagingsFilesGoOnlyToItsHolderAndOnlyWhileItsTokenLives() throws {
        let service = try StagingService()
        let served = service.served
        let holder = try service.token("pod-a")
        let other = try service.token("pod-b")
        let planned = try service.curl(
            [
                "-X", "POST", "-H", "Authorization: Bearer \(holder)", "-H", "Content-Type: application/json",
                "-d", #"{"version":"ct@2","restore":false}"#, service.url + "/v1/stagings",
            ], as: served.carol)
        let plan = try JSONDecoder().decode(PlanJSON.self, from: Data(planned.stdout.utf8))
        let first = try #require(plan.files.first, "\(planned.stdout)")
        #expect(plan.id.count == 32 && first.access == "service" && first.url == "/v1/stagings/\(plan.id)/files/0")

        #expect(try service.status(of: first.url, token: holder, as: served.carol) == "200")
        #expect(try service.status(of: first.url, token: holder, as: served.carol, range: "bytes=0-9") == "206")
        // Another caller with the same read access, an entry the manifest does not have, a guessed id, a
        // path instead of an index: all answer 404, as if nothing were there.
        #expect(try service.status(of: first.url, token: other, as: served.carol) == "404")
        #expect(try service.status(of: "/v1/stagings/\(plan.id)/files/\(plan.files.count)", token: holder, as: served.carol) == "404")
        #expect(try service.status(of: "/v1/stagings/\(String(repeating: "0", count: 32))/files/0", token: holder, as: served.carol) == "404")
        #expect(try service.status(of: "/v1/stagings/\(plan.id)/files/..%2F..%2Flake.toml", token: holder, as: served.carol) == "400")
        let answer = try service.curl(["-H", "Authorization: Bearer \(other)", service.url + first.url], as: served.carol)
        #expect(try JSONDecoder().decode(ProblemJSON.self, from: Data(answer.stdout.utf8)).code == "notFound")

        let revoked = try served.medlake(["token", "revoke", "pod-a"], as: "root")
        #expect(revoked.status == 0, "\(revoked.stderr)")
        #expect(try service.status(of: first.url, token: holder, as: served.carol) == "401")

        // A token that expires between stagings: the next one fails with the stable code.
        let brief = try service.token("brief", expires: "1s")
        let deadline = Date().addingTimeInterval(120)
        var expired = false
        while !expired, Date() < deadline {
            let listed = try served.medlake(["token", "list", "--json"], as: "root")
            expired = try JSONDecoder().decode([TokenJSON].self, from: Data(listed.stdout.utf8))
                .contains { $0.name == "brief" && $0.state == "expired" }
        }
        try #require(expired, "the token never expired")
        let folder = try service.scratch(for: served.carol) + "/ct"
        let refused = try service.stage(["ct@2", "--to", folder, "--json"], as: served.carol, token: brief)
        #expect(refused.status == 1)
        #expect(try JSONDecoder().decode(FailureJSON.self, from: Data(refused.stderr.utf8)).code == "invalidToken", "\(refused.stderr)")
    }

    @Test func aTamperedObjectFailsTheStagingNamingItsFileAndNothingTakesItsName() throws {
        let service = try StagingService()
        let served = service.served
        let secret = try service.token("trainer")
        let good = try service.scratch(for: served.carol) + "/ct"
        let staged = try service.stage(["ct@2", "--to", good], as: served.carol, token: secret)
        try #require(staged.status == 0, "\(staged.stderr)")
        let entry = try #require(try manifest(in: good).entries.first)

        // Flip one byte of the object in whichever tier holds it (the size stays, only the hash tells).
        let tiers = served.lake + "/tiers"
        let object = try #require(
            try FileManager.default.contentsOfDirectory(atPath: tiers).map { tier in
                tiers + "/" + tier + "/objects/" + entry.sha256.prefix(2) + "/" + entry.sha256.dropFirst(2)
            }.first { FileManager.default.fileExists(atPath: $0) })
        var bytes = try Data(contentsOf: URL(fileURLWithPath: object))
        bytes[bytes.count / 2] ^= 0xFF
        try bytes.write(to: URL(fileURLWithPath: object))

        let folder = try service.scratch(for: served.carol) + "/ct"
        let failed = try service.stage(["ct@2", "--to", folder], as: served.carol, token: secret)
        #expect(failed.status == 1)
        #expect(failed.stderr.contains(entry.path) && failed.stderr.contains("does not match its SHA-256"), "\(failed.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/" + entry.path.trimmingPrefix("/")))
        #expect(!FileManager.default.fileExists(atPath: folder + "/manifest.json"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/.medlake-partial"))
    }

    @Test(.enabled(if: ProcessInfo.processInfo.environment["MEDLAKE_TEST_S3_ENDPOINT"] != nil, "SeaweedFS not configured"))
    func aPodStagesAnS3TierFromPresignedURLsWithoutCredentials() throws {
        let environment = ProcessInfo.processInfo.environment
        let service = try StagingService(
            s3Endpoint: environment["MEDLAKE_TEST_S3_ENDPOINT"], bucket: environment["MEDLAKE_TEST_S3_BUCKET"])
        let served = service.served
        let secret = try service.token("trainer")
        let planned = try service.curl(
            [
                "-X", "POST", "-H", "Authorization: Bearer \(secret)", "-H", "Content-Type: application/json",
                "-d", #"{"version":"ct@2","restore":true}"#, service.url + "/v1/stagings",
            ], as: served.carol)
        let plan = try JSONDecoder().decode(PlanJSON.self, from: Data(planned.stdout.utf8))
        let endpoint = try #require(environment["MEDLAKE_TEST_S3_ENDPOINT"])
        #expect(!plan.files.isEmpty && plan.files.allSatisfy { $0.access == "presigned" && $0.url.hasPrefix(endpoint + "/") })
        #expect(plan.files.allSatisfy { !$0.url.contains(environment["MEDLAKE_TEST_S3_SECRET_KEY"] ?? "?") })

        let folder = try service.scratch(for: served.carol) + "/ct"
        let staged = try service.stage(["ct@2", "--to", folder, "--json"], as: served.carol, token: secret)
        #expect(staged.status == 0, "\(staged.stderr)")
        let entries = try manifest(in: folder).entries
        let report = try JSONDecoder().decode(ReportJSON.self, from: Data(staged.stdout.utf8))
        #expect(report.methods == ["download": entries.count])
        for entry in entries {
            let file = try ContentHasher.digest(ofFileAt: folder + "/" + entry.path.trimmingPrefix("/"))
            #expect(file.digest.hex == entry.sha256 && file.size == entry.size, "\(entry.path)")
        }
    }

    @Test func archivedObjectsAreRestoredThroughTheServiceWithProgressOrListedWithNoRestore() throws {
        let service = try StagingService()
        let served = service.served
        for arguments in [["migrate", "start", "ct", "--to", "archive"], ["worker", "--until-idle"]] {
            let moved = try served.medlake(arguments, as: served.service)
            try #require(moved.status == 0, "\(arguments): \(moved.stderr)")
        }
        let reader = try service.token("trainer")
        let folder = try service.scratch(for: served.carol) + "/ct"
        let listed = try service.stage(["ct@2", "--to", folder, "--no-restore", "--json"], as: served.carol, token: reader)
        #expect(listed.status == 1)
        let failure = try JSONDecoder().decode(FailureJSON.self, from: Data(listed.stderr.utf8))
        #expect(failure.code == "restoreRequired" && failure.message.contains("tier archive"), "\(listed.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder))

        // Restoring needs the operator role: the service queues the job and runs it, the pod follows it.
        let operatorToken = try service.token("ops", role: "operator")
        let staged = try service.stage(["ct@2", "--to", folder, "--json"], as: served.carol, token: operatorToken)
        #expect(staged.status == 0, "\(staged.stderr)")
        #expect(staged.stderr.contains("restoring archived objects: "), "\(staged.stderr)")
        let entries = try manifest(in: folder).entries
        let report = try JSONDecoder().decode(ReportJSON.self, from: Data(staged.stdout.utf8))
        #expect(report.restoredObjects == Int64(Set(entries.map(\.sha256)).count) && report.methods == ["download": entries.count])
        for entry in entries {
            let file = try ContentHasher.digest(ofFileAt: folder + "/" + entry.path.trimmingPrefix("/"))
            #expect(file.digest.hex == entry.sha256, "\(entry.path)")
        }
    }
}
