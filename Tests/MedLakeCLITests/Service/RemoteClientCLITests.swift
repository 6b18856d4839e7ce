import Foundation
import Testing

/// The lake service over TCP as a remote client meets it: TLS with the operator's CA, a bearer token
/// per service account (made with `medlake token create`), and every refusal a stranger could try.
/// Everything runs on 127.0.0.1 with real processes.
@Suite(.serialized, .enabled(if: UnixUsers.available, "needs root to create Unix users"))
struct RemoteClientCLITests {
    private struct FlagJSON: Decodable {
        var id: Int64
        var author: String
    }

    private struct TokenJSON: Decodable {
        var name: String
        var role: String
        var state: String
    }

    /// A served lake listening on 127.0.0.1 over TLS, whose `ct` annotators may read, and its CAs.
    private struct RemoteLakeFixture {
        let served: ServedLake
        let authority: TestCertificateAuthority
        /// A CA that signed nothing the service presents.
        let stranger: TestCertificateAuthority
        let url: String

        init() throws {
            served = try ServedLake()
            authority = try served.certificateAuthority()
            stranger = try served.certificateAuthority("stranger")
            let labelled = try served.medlake(["label", "ct", "--sensitivity", "internal"], as: served.service)
            try #require(labelled.status == 0, "\(labelled.stderr)")
            url = try served.restartOverTLS(authority)
        }

        /// Makes token `name` as root (an admin) over the socket and returns its secret.
        func token(_ name: String, role: String, expires: String = "30d") throws -> String {
            let made = try served.medlake(["token", "create", name, "--role", role, "--expires", expires], as: "root")
            try #require(made.status == 0, "\(made.stderr)")
            return made.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        }

        /// Writes `secret` to a file owned by `user` with `mode`.
        func tokenFile(_ secret: String, for user: String, mode: Int) throws -> String {
            let path = served.base + "/token-" + UUID().uuidString
            try Data((secret + "\n").utf8).write(to: URL(fileURLWithPath: path))
            try FileManager.default.setAttributes([.posixPermissions: mode, .ownerAccountName: user], ofItemAtPath: path)
            return path
        }

        /// Runs `medlake arguments… --lake URL --ca-file CA` as `user` (a remote client: the folder is
        /// never named), with `environment`.
        func remote(
            _ arguments: [String], as user: String, caFile: String? = nil, environment: [String: String] = [:]
        ) throws -> MedLakeProcess.Result {
            try MedLakeProcess.run(
                arguments + ["--lake", url, "--ca-file", caFile ?? authority.caCertificate], as: user,
                environment: environment, binary: served.binary)
        }

        /// The number of audit events, as alice (a curator) lists them over the socket.
        func auditCount() throws -> Int {
            let log = try served.medlake(["audit", "list", "--json"], as: served.alice)
            return try JSONDecoder().decode([EntryJSON].self, from: Data(log.stdout.utf8)).count
        }
    }

    @Test func aTokenCallerWorksOverTLSWithExactlyItsRoleAndTheAuditNamesIt() throws {
        let fixture = try RemoteLakeFixture()
        let served = fixture.served
        let secret = try fixture.token("qc-bot", role: "annotator")
        #expect(secret.hasPrefix("mlt_"))
        // carol holds no role in the lake: over TCP only the token counts.
        let file = try fixture.tokenFile(secret, for: served.carol, mode: 0o600)
        let listed = try fixture.remote(["datasets", "--json", "--token-file", file], as: served.carol)
        #expect(listed.status == 0, "\(listed.stderr)")
        #expect(listed.stdout.contains("\"name\" : \"ct\""), "\(listed.stdout)")

        let raised = try fixture.remote(
            ["flags", "add", "ct", "needs-review", "--note", "from CI", "--json"], as: served.carol,
            environment: ["MEDLAKE_TOKEN": secret])
        #expect(raised.status == 0, "\(raised.stderr)")
        #expect(try JSONDecoder().decode(FlagJSON.self, from: Data(raised.stdout.utf8)).author == "token:qc-bot")

        let requested = try served.medlake(
            ["promote", "request", "ct@2", "--to", "curated", "--reason", "lab", "--json"], as: served.alice)
        let promotion = try JSONDecoder().decode(PromotionJSON.self, from: Data(requested.stdout.utf8))
        let approval = try fixture.remote(
            ["promote", "approve", String(promotion.id), "--comment", "fine"], as: served.carol,
            environment: ["MEDLAKE_TOKEN": secret])
        #expect(approval.status == 1)
        #expect(approval.stderr.contains("token:qc-bot may not approve promotions"), "\(approval.stderr)")
        let shown = try served.medlake(["promote", "list", "--json"], as: served.alice)
        #expect(try JSONDecoder().decode([PromotionJSON].self, from: Data(shown.stdout.utf8)).map(\.state) == ["pending"])

        let log = try served.medlake(["audit", "list", "--actor", "token:qc-bot", "--json"], as: served.alice)
        let entries = try JSONDecoder().decode([EntryJSON].self, from: Data(log.stdout.utf8))
        #expect(entries.contains { $0.action == "flag.add" && $0.role == "annotator" }, "\(log.stdout)")
        let created = try served.medlake(["audit", "list", "--action", "token.create", "--json"], as: served.alice)
        #expect(try JSONDecoder().decode([EntryJSON].self, from: Data(created.stdout.utf8)).map(\.actor) == ["root"])

        let tokens = try served.medlake(["token", "list", "--json"], as: "root")
        #expect(!tokens.stdout.contains(secret.dropFirst(4)))
        let listing = try JSONDecoder().decode([TokenJSON].self, from: Data(tokens.stdout.utf8))
        #expect(listing.map(\.name) == ["qc-bot"] && listing.first?.state == "active")
        let verified = try served.medlake(["audit", "verify"], as: served.alice)
        #expect(verified.status == 0 && verified.stdout.contains("Audit log intact"), "\(verified.stdout)\(verified.stderr)")

        // On the Unix socket a token changes nothing: the kernel names the caller.
        let local = try served.tool(
            "/usr/bin/curl",
            ["-s", "--unix-socket", served.socket, "-H", "Authorization: Bearer \(secret)", "http://lake/v1/caller"],
            as: served.carol)
        let caller = try JSONDecoder().decode(CallerJSON.self, from: Data(local.stdout.utf8))
        #expect(caller.user == served.carol && caller.token == nil)
    }

    @Test func garbageRevokedAndExpiredTokensAreRefusedAndChangeNothing() throws {
        let fixture = try RemoteLakeFixture()
        let served = fixture.served
        let revoked = try fixture.token("retired", role: "curator")
        let revoking = try served.medlake(["token", "revoke", "retired"], as: "root")
        #expect(revoking.status == 0, "\(revoking.stderr)")
        let expiring = try fixture.token("brief", role: "curator", expires: "1s")
        // Wait for the state, not for a time: the listing says when the token has expired.
        let deadline = Date().addingTimeInterval(120)
        var expired = false
        while !expired, Date() < deadline {
            let listed = try served.medlake(["token", "list", "--json"], as: "root")
            expired = try JSONDecoder().decode([TokenJSON].self, from: Data(listed.stdout.utf8))
                .contains { $0.name == "brief" && $0.state == "expired" }
        }
        try #require(expired, "the token never expired")

        let before = try fixture.auditCount()
        let cases: [(String, String)] = [
            ("garbage", "not a medlake bearer token"), ("mlt_" + String(repeating: "a", count: 64), "not known to this lake"),
            (revoked, "token retired was revoked"), (expiring, "token brief has expired"),
        ]
        for (secret, message) in cases {
            let refused = try fixture.remote(
                ["flags", "add", "ct", "needs-review", "--note", "sneaky", "--json"], as: served.carol,
                environment: ["MEDLAKE_TOKEN": secret])
            #expect(refused.status == 1)
            #expect(refused.stderr.contains("\"code\" : \"invalidToken\""), "\(refused.stderr)")
            #expect(refused.stderr.contains(message), "\(refused.stderr)")
        }
        // The wire answer: 401, a problem with a stable code, and the scheme to use.
        let raw = try served.tool(
            "/usr/bin/curl",
            ["-s", "-i", "--cacert", fixture.authority.caCertificate, "-H", "Authorization: Bearer \(revoked)",
             fixture.url + "/v1/datasets"],
            as: served.carol)
        #expect(raw.stdout.hasPrefix("HTTP/1.1 401"), "\(raw.stdout)")
        #expect(raw.stdout.lowercased().contains("www-authenticate: bearer realm=\"medlake\""))
        let body = try #require(raw.stdout.components(separatedBy: "\r\n\r\n").last)
        let problem = try JSONDecoder().decode(ProblemJSON.self, from: Data(body.utf8))
        #expect(problem.code == "invalidToken" && problem.status == 401)
        // No token at all, and a Unix user's identity does not cross TCP.
        let anonymous = try served.tool(
            "/usr/bin/curl", ["-s", "--cacert", fixture.authority.caCertificate, fixture.url + "/v1/caller"],
            as: served.alice)
        #expect(try JSONDecoder().decode(ProblemJSON.self, from: Data(anonymous.stdout.utf8)).code == "invalidToken")

        #expect(try fixture.auditCount() == before)
        let flags = try served.medlake(["flags", "list", "--json"], as: served.alice)
        #expect(!flags.stdout.contains("sneaky"))
    }

    @Test func theOpenAPIDocumentNeedsNoTokenAndAPathIdThatIsNoNumberIsABadRequest() throws {
        let fixture = try RemoteLakeFixture()
        let served = fixture.served
        let curl = ["-s", "-i", "--cacert", fixture.authority.caCertificate]
        // The document, to anyone: it is docs/openapi.yaml (this file is Tests/MedLakeCLITests/Service/…).
        let document = try served.tool("/usr/bin/curl", curl + [fixture.url + "/v1/openapi.yaml"], as: served.carol)
        #expect(document.stdout.hasPrefix("HTTP/1.1 200"), "\(document.stdout.prefix(300))")
        #expect(document.stdout.lowercased().contains("content-type: application/yaml"))
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let file = try String(contentsOf: root.appendingPathComponent("docs/openapi.yaml"), encoding: .utf8)
        let body = try #require(document.stdout.components(separatedBy: "\r\n\r\n").last)
        #expect(body + "\n" == file)
        // Every other route still wants a token.
        let anonymous = try served.tool("/usr/bin/curl", curl + [fixture.url + "/v1/roles"], as: served.carol)
        #expect(anonymous.stdout.hasPrefix("HTTP/1.1 401"), "\(anonymous.stdout)")
        // And is answered 401 before its body is judged: a stranger learns nothing of the API's bodies.
        let malformed = try served.tool(
            "/usr/bin/curl", curl + ["--data", "not json", fixture.url + "/v1/flags"], as: served.carol)
        #expect(malformed.stdout.hasPrefix("HTTP/1.1 401"), "\(malformed.stdout)")

        // An id that is not a number is the request's fault: 400 invalidArgument, not 500.
        let admin = try fixture.token("api-admin", role: "admin")
        let refused = try served.tool(
            "/usr/bin/curl",
            curl + ["-H", "Authorization: Bearer \(admin)", "-H", "Content-Type: application/json",
                    "--data", #"{"resolve":{"note":"done"}}"#, fixture.url + "/v1/flags/first/close"],
            as: served.carol)
        #expect(refused.stdout.hasPrefix("HTTP/1.1 400"), "\(refused.stdout)")
        #expect(refused.stdout.lowercased().contains("content-type: application/problem+json"))
        let problemBody = try #require(refused.stdout.components(separatedBy: "\r\n\r\n").last)
        let problem = try JSONDecoder().decode(ProblemJSON.self, from: Data(problemBody.utf8))
        #expect(problem.code == "invalidArgument" && problem.status == 400)
        #expect(problem.detail == "The id in the path is not a whole number: 'first'.", "\(problem.detail)")
    }

    @Test func theClientRefusesAnUntrustedServiceAndAReadableTokenFile() throws {
        let fixture = try RemoteLakeFixture()
        let served = fixture.served
        let secret = try fixture.token("reader", role: "annotator")
        let wrongCA = try fixture.remote(
            ["datasets", "--json"], as: served.carol, caFile: fixture.stranger.caCertificate,
            environment: ["MEDLAKE_TOKEN": secret])
        #expect(wrongCA.status == 1)
        #expect(wrongCA.stderr.contains("its TLS certificate is not trusted"), "\(wrongCA.stderr)")

        let readable = try fixture.tokenFile(secret, for: served.carol, mode: 0o644)
        let refused = try fixture.remote(["datasets", "--token-file", readable], as: served.carol)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("refusing token file \(readable): its mode 644 lets others read it"), "\(refused.stderr)")
        let missing = try fixture.remote(["datasets"], as: served.carol)
        #expect(missing.stderr.contains("needs a token: set MEDLAKE_TOKEN or give --token-file FILE"), "\(missing.stderr)")
        let trusted = try fixture.remote(["datasets"], as: served.carol, environment: ["MEDLAKE_TOKEN": secret])
        #expect(trusted.status == 0, "\(trusted.stderr)")
        // Plain http is for loopback only, on both ends.
        let offLoopback = try MedLakeProcess.run(
            ["datasets", "--lake", "http://192.0.2.1:8443"], as: served.carol, environment: ["MEDLAKE_TOKEN": secret],
            binary: served.binary)
        #expect(offLoopback.stderr.contains("is not a lake service URL"), "\(offLoopback.stderr)")
        // A command that needs the lake folder says so instead of guessing.
        let folderOnly = try fixture.remote(
            ["fsck", "--rebuild-objects"], as: served.carol, environment: ["MEDLAKE_TOKEN": secret])
        #expect(folderOnly.status == 1)
        #expect(folderOnly.stderr.contains("this command works on a lake folder, not over TCP"), "\(folderOnly.stderr)")
        served.stop()
        try served.start(["--listen", "127.0.0.1:0"])
        let found = served.readyLine.split(separator: " ").first { $0.hasPrefix("http://127.0.0.1:") }
        let url = String(try #require(found, "no URL in \(served.readyLine)"))
        let plain = try MedLakeProcess.run(
            ["datasets", "--json", "--lake", url], as: served.carol, environment: ["MEDLAKE_TOKEN": secret],
            binary: served.binary)
        #expect(plain.status == 0, "\(plain.stderr)")
        #expect(plain.stdout.contains("\"name\" : \"ct\""), "\(plain.stdout)")
    }

    @Test func plainTCPOffLoopbackRefusesToStart() throws {
        let base = NSTemporaryDirectory() + "listen-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: base) }
        try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
        let created = try MedLakeProcess.run(["init", base + "/lake"])
        try #require(created.status == 0, "\(created.stderr)")
        for address in ["0.0.0.0:0", "[::]:0", "192.0.2.1:8443", "localhost:0"] {
            let refused = try MedLakeProcess.run(["serve", "--lake", base + "/lake", "--listen", address])
            #expect(refused.status == 1)
            #expect(refused.stderr.contains("refusing plain TCP on"), "\(address): \(refused.stderr)")
            #expect(refused.stderr.contains("needs TLS (--tls-cert PEM --tls-key PEM)"))
        }
        #expect(!FileManager.default.fileExists(atPath: base + "/lake/medlake.sock"))
        let halfTLS = try MedLakeProcess.run(["serve", "--lake", base + "/lake", "--listen", "0.0.0.0:0", "--tls-cert", "x"])
        #expect(halfTLS.stderr.contains("Please give both --tls-cert and --tls-key, or neither."))
    }
}
