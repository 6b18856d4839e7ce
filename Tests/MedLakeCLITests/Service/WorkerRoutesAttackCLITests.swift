import Foundation
import Testing

/// The worker routes (`/v1/worker/…`) against callers who should not get their way: a token without
/// the migrate permission, a worker reporting on a job another holds or with a SHA-256 that is not the
/// catalog's, and a worker whose token expired. Real TLS service and processes on 127.0.0.1.
@Suite(.serialized, .enabled(if: UnixUsers.available, "needs root to create Unix users"))
struct WorkerRoutesAttackCLITests {
    private struct ClaimJSON: Decodable {
        struct Claim: Decodable {
            var job: Int64
            var worker: String
        }

        var claim: Claim?
    }

    private struct ItemJSON: Decodable {
        var item: Int64
        var sha256: String
        var size: Int64
    }

    private struct JobJSON: Decodable {
        var id: Int64
        var state: String
        var objectsDone: Int64
    }

    private struct TokenJSON: Decodable {
        var name: String
        var state: String
    }

    /// A served lake on 127.0.0.1 over TLS with one queued job (`ct` to the cold folder tier).
    private struct Fixture {
        let served: ServedLake
        let authority: TestCertificateAuthority
        let url: String

        init() throws {
            served = try ServedLake()
            authority = try served.certificateAuthority()
            url = try served.restartOverTLS(authority)
            let queued = try served.medlake(["migrate", "ct", "--to", "cold"], as: served.service)
            try #require(queued.status == 0, "\(queued.stderr)")
        }

        func token(_ name: String, role: String, expires: String = "1d") throws -> String {
            let made = try served.medlake(["token", "create", name, "--role", role, "--expires", expires], as: "root")
            try #require(made.status == 0, "\(made.stderr)")
            return made.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        }

        /// `POST /v1/PATH` with `body` and the token; the status line and the body.
        func post(_ path: String, _ body: String, token: String) throws -> (status: String, body: String) {
            let answer = try served.tool(
                "/usr/bin/curl",
                ["-s", "-i", "--cacert", authority.caCertificate, "-H", "Authorization: Bearer \(token)",
                 "-H", "Content-Type: application/json", "-d", body, url + "/v1/" + path],
                as: served.carol)
            let parts = answer.stdout.components(separatedBy: "\r\n\r\n")
            return (String(parts.first?.prefix(while: { $0 != "\r" }) ?? ""), parts.last ?? "")
        }

        func job() throws -> JobJSON {
            let listed = try served.medlake(["migrate", "list", "--json"], as: served.service)
            return try #require(try JSONDecoder().decode([JobJSON].self, from: Data(listed.stdout.utf8)).first)
        }
    }

    private static let holder = #"{"host":"node-7","pid":4242}"#

    @Test func onlyTheHolderMaySwitchAndOnlyForTheCatalogsHash() throws {
        let fixture = try Fixture()
        let annotator = try fixture.token("rw-reader", role: "annotator")
        let refused = try fixture.post(
            "worker/claims", #"{"holder":\#(Self.holder),"leaseSeconds":60}"#, token: annotator)
        #expect(refused.status.hasPrefix("HTTP/1.1 403"), "\(refused)")
        #expect(refused.body.contains("\"notPermitted\""), "\(refused.body)")
        #expect(try fixture.job().state == "queued")

        let first = try fixture.token("rw-first", role: "operator")
        let claimed = try fixture.post("worker/claims", #"{"holder":\#(Self.holder),"leaseSeconds":600}"#, token: first)
        let claim = try #require(try JSONDecoder().decode(ClaimJSON.self, from: Data(claimed.body.utf8)).claim, "\(claimed)")
        #expect(claim.worker == "token:rw-first@node-7:4242")
        let items = try fixture.post(
            "worker/jobs/\(claim.job)/items", #"{"holder":\#(Self.holder),"limit":10}"#, token: first)
        let handed = try JSONDecoder().decode([ItemJSON].self, from: Data(items.body.utf8))
        let item = try #require(handed.first, "\(items)")

        // Another operator's token, naming the same host and pid, holds nothing.
        let second = try fixture.token("rw-second", role: "operator")
        let honest = #"{"item":\#(item.item),"sha256":"\#(item.sha256)","size":\#(item.size)}"#
        let report = #"{"holder":\#(Self.holder),"moved":[\#(honest)],"failed":[],"sourcesRemoved":[]}"#
        let stolen = try fixture.post("worker/jobs/\(claim.job)/reports", report, token: second)
        #expect(stolen.status.hasPrefix("HTTP/1.1 409"), "\(stolen)")
        #expect(stolen.body.contains("does not hold its lease"), "\(stolen.body)")
        let released = try fixture.post("worker/jobs/\(claim.job)/release", #"{"holder":\#(Self.holder)}"#, token: second)
        #expect(released.status.hasPrefix("HTTP/1.1 409"), "\(released)")

        // The holder itself, with a hash that is not the catalog's: nothing switches.
        let forged = String(repeating: "0", count: 64)
        let lying = #"{"holder":\#(Self.holder),"moved":[{"item":\#(item.item),"sha256":"\#(forged)","size":\#(item.size)}],"failed":[],"sourcesRemoved":[]}"#
        let wrong = try fixture.post("worker/jobs/\(claim.job)/reports", lying, token: first)
        #expect(wrong.status.hasPrefix("HTTP/1.1 400"), "\(wrong)")
        #expect(wrong.body.contains("not the catalog's"), "\(wrong.body)")
        // Nor for an item of the job that was not handed out, nor a source removal before any switch.
        let early = #"{"holder":\#(Self.holder),"moved":[],"failed":[],"sourcesRemoved":[\#(item.item)]}"#
        #expect(try fixture.post("worker/jobs/\(claim.job)/reports", early, token: first).status.hasPrefix("HTTP/1.1 400"))
        let job = try fixture.job()
        #expect(job.state == "running" && job.objectsDone == 0)
        let audit = try fixture.served.medlake(["audit", "list", "--action", "object.placement", "--json"], as: fixture.served.alice)
        #expect(try JSONDecoder().decode([EntryJSON].self, from: Data(audit.stdout.utf8)).isEmpty, "\(audit.stdout)")

        // The honest report switches the object, audited naming the token.
        let switched = try fixture.post("worker/jobs/\(claim.job)/reports", report, token: first)
        #expect(switched.status.hasPrefix("HTTP/1.1 200") && switched.body.contains("\"switched\":1"), "\(switched)")
        let placed = try fixture.served.medlake(["audit", "list", "--action", "object.placement", "--json"], as: fixture.served.alice)
        #expect(placed.stdout.contains("\"actor\" : \"token:rw-first\""), "\(placed.stdout)")
        let verified = try fixture.served.medlake(["audit", "verify"], as: fixture.served.alice)
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
    }

    @Test func aWorkerWithAnExpiredTokenStopsWithAClearError() throws {
        let fixture = try Fixture()
        let brief = try fixture.token("rw-brief", role: "operator", expires: "1s")
        // Wait for the state, not for a time: the listing says when the token has expired.
        let expired = try TierLayout.waitUntil(timeout: 120) {
            let listed = try fixture.served.medlake(["token", "list", "--json"], as: "root")
            return try JSONDecoder().decode([TokenJSON].self, from: Data(listed.stdout.utf8))
                .contains { $0.name == "rw-brief" && $0.state == "expired" }
        }
        try #require(expired, "the token never expired")
        let worker = try MedLakeProcess.run(
            ["worker", "--lake", fixture.url, "--ca-file", fixture.authority.caCertificate], as: fixture.served.carol,
            environment: ["MEDLAKE_TOKEN": brief], binary: fixture.served.binary)
        #expect(worker.status == 1)
        #expect(worker.stderr.contains("token rw-brief has expired"), "\(worker.stderr)")
        #expect(try fixture.job().state == "queued")
    }
}
