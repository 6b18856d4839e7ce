import Foundation
import TestSupport
import Testing

/// `medlake ingest --from-orthanc|--from-dicomweb` on a served lake, against the real Orthanc: the client
/// pulls with the user's own credentials and streams the instances to the service, which never fetches a
/// URL (it holds no Orthanc credentials here at all) and commits the Orthanc cursor with each batch, so
/// the next pull resumes after it.
@Suite(
    .serialized, .orthancExclusive, .enabled(if: UnixUsers.available, "needs root to create Unix users"),
    .enabled(
        if: ProcessInfo.processInfo.environment["MEDLAKE_TEST_ORTHANC_URL"] != nil,
        "Orthanc not configured: run `.ci/services.sh start DIR` and source DIR/services.env"))
struct ServiceRemoteIngestCLITests {
    private struct ReportJSON: Decodable {
        var filesSeen: Int
        var filesAdded: Int
        var filesAlreadyPresent: Int
    }

    private struct SourceJSON: Decodable {
        var cursor: Int64
        var instancesIngested: Int64
    }

    private struct ChangesJSON: Decodable {
        var last: Int64
        enum CodingKeys: String, CodingKey { case last = "Last" }
    }

    private let environment = ProcessInfo.processInfo.environment
    private var orthanc: String { environment["MEDLAKE_TEST_ORTHANC_URL"] ?? "" }
    /// The user's own credentials, in the client's environment only (with a temporary folder the user may
    /// write, for instances spooled on the client's side).
    private var credentials: [String: String] {
        [
            "MEDLAKE_REMOTE_USER": environment["MEDLAKE_TEST_ORTHANC_USER"] ?? "",
            "MEDLAKE_REMOTE_PASSWORD": environment["MEDLAKE_TEST_ORTHANC_PASSWORD"] ?? "", "TMPDIR": "/tmp",
        ]
    }

    /// `curl` to Orthanc as the test (root), with its credentials.
    private func orthancCall(_ arguments: [String]) throws -> String {
        let login = (environment["MEDLAKE_TEST_ORTHANC_USER"] ?? "") + ":" + (environment["MEDLAKE_TEST_ORTHANC_PASSWORD"] ?? "")
        let result = try MedLakeProcess.run(["-s", "-f", "-u", login] + arguments, binary: "/usr/bin/curl")
        try #require(result.status == 0, "curl \(arguments): \(result.stderr)")
        return result.stdout
    }

    /// Uploads `count` new synthetic instances to Orthanc; returns its last change number before them.
    private func uploadInstances(_ count: Int, into base: String) throws -> Int64 {
        let before = try JSONDecoder().decode(
            ChangesJSON.self, from: Data(try orthancCall([orthanc + "/changes?limit=0"]).utf8)).last
        let folder = base + "/orthanc-\(UUID().uuidString)"
        let generated = try MedLakeProcess.run([
            "dicom", "generate", "--count", String(count), "--seed", String(UInt32.random(in: 1..<UInt32.max)),
            "--output", folder,
        ])
        try #require(generated.status == 0, "\(generated.stderr)")
        for name in try FileManager.default.contentsOfDirectory(atPath: folder) {
            _ = try orthancCall(["--data-binary", "@" + folder + "/" + name, orthanc + "/instances"])
        }
        return before
    }

    private func source(_ served: ServedLake, dataset: String, as user: String) throws -> SourceJSON {
        let raw = try served.tool(
            "/usr/bin/curl",
            [
                "-s", "--unix-socket", served.socket, "-G", "--data-urlencode", "dataset=\(dataset)", "--data-urlencode",
                "kind=orthanc", "--data-urlencode", "url=\(orthanc)", "http://lake/v1/remote-sources",
            ], as: user)
        return try JSONDecoder().decode(SourceJSON.self, from: Data(raw.stdout.utf8))
    }

    @Test func aCuratorPullsFromOrthancThroughTheServiceWhichCommitsTheCursor() throws {
        let served = try ServedLake()
        let since = try uploadInstances(3, into: served.base)
        let pull = ["ingest", "--from-orthanc", orthanc, "--dataset", "pacs", "--json"]
        let first = try served.medlake(pull + ["--since", String(since)], as: served.alice, environment: credentials)
        #expect(first.status == 0, "\(first.stderr)")
        let report = try JSONDecoder().decode(ReportJSON.self, from: Data(first.stdout.utf8))
        #expect(report.filesAdded >= 3 && report.filesAlreadyPresent == 0, "\(first.stdout)")
        // The service recorded where the pull stopped: at or after the three uploads.
        let recorded = try source(served, dataset: "pacs", as: served.alice)
        #expect(recorded.cursor >= since + 3 && recorded.instancesIngested == Int64(report.filesSeen), "\(recorded)")

        // The next pull starts after the cursor: nothing pulled before is fetched or sent again.
        let second = try served.medlake(pull, as: served.alice, environment: credentials)
        #expect(second.status == 0, "\(second.stderr)")
        let again = try JSONDecoder().decode(ReportJSON.self, from: Data(second.stdout.utf8))
        #expect(again.filesAlreadyPresent == 0, "\(second.stdout)")
        #expect(try source(served, dataset: "pacs", as: served.alice).cursor >= recorded.cursor)

        // The rows name the instances' URLs and the curator: provenance as in-process.
        let audit = try served.medlake(["audit", "list", "--action", "ingest", "--json"], as: served.alice)
        let entries = try JSONDecoder().decode([EntryJSON].self, from: Data(audit.stdout.utf8))
        #expect(entries.contains { $0.actor == served.alice && $0.target == "pacs" }, "\(audit.stdout)")
    }

    @Test func theClientPullsWithItsOwnCredentialsNotTheServices() throws {
        let served = try ServedLake()
        _ = try uploadInstances(1, into: served.base)
        // Without the user's credentials Orthanc refuses the client; the service has none to lend.
        let refused = try served.medlake(
            ["ingest", "--from-orthanc", orthanc, "--dataset", "pacs"], as: served.alice,
            environment: ["MEDLAKE_REMOTE_USER": "", "MEDLAKE_REMOTE_PASSWORD": "", "TMPDIR": "/tmp"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("401"), "\(refused.stderr)")
        let datasets = try served.medlake(["datasets", "--json"], as: served.alice)
        #expect(!datasets.stdout.contains("\"pacs\""), "\(datasets.stdout)")
    }

    @Test func aUserWithoutTheIngestRightCannotPullOrRecordACursor() throws {
        let served = try ServedLake()
        let refused = try served.medlake(
            ["ingest", "--from-orthanc", orthanc, "--dataset", "pacs", "--json"], as: served.carol, environment: credentials)
        #expect(refused.status == 1)
        let failure = try JSONDecoder().decode(FailureJSON.self, from: Data(refused.stderr.utf8))
        #expect(failure.code == "permissionDenied", "\(refused.stderr)")
        let lookup = try served.tool(
            "/usr/bin/curl",
            ["-s", "-i", "--unix-socket", served.socket, "http://lake/v1/remote-sources?dataset=ct&kind=orthanc&url=http://x"],
            as: served.carol)
        #expect(lookup.stdout.hasPrefix("HTTP/1.1 403"), "\(lookup.stdout)")
        // A forged upload moving the cursor is refused before its body is read.
        let forged = served.base + "/forged.upload"
        try Data([0x4D, 0x4C, 0x55, 0x31, 0x43, 0, 0, 0, 0, 0, 0, 0x27, 0x10, 0x5A]).write(to: URL(fileURLWithPath: forged))
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: forged)
        let upload = try served.tool(
            "/usr/bin/curl",
            [
                "-s", "-i", "--unix-socket", served.socket, "--data-binary", "@" + forged,
                "http://lake/v1/ingest?dataset=ct&source=orthanc&sourceURL=http%3A%2F%2Fpacs.example",
            ], as: served.carol)
        #expect(upload.stdout.hasPrefix("HTTP/1.1 403"), "\(upload.stdout)")
        #expect(try source(served, dataset: "ct", as: served.alice).cursor == 0)
        // A curator may not record a URL holding credentials (the service would store the secret).
        let secret = try served.tool(
            "/usr/bin/curl",
            [
                "-s", "-i", "--unix-socket", served.socket, "--data-binary", "@" + forged,
                "http://lake/v1/ingest?dataset=ct&source=orthanc&sourceURL=http%3A%2F%2Fu%3Ap%40pacs.example",
            ], as: served.alice)
        #expect(secret.stdout.hasPrefix("HTTP/1.1 400"), "\(secret.stdout)")
    }

    @Test func aDICOMwebPullGoesThroughTheServiceToo() throws {
        let served = try ServedLake()
        _ = try uploadInstances(2, into: served.base)
        let dicomweb = try #require(environment["MEDLAKE_TEST_DICOMWEB_URL"])
        let pulled = try served.medlake(
            ["ingest", "--from-dicomweb", dicomweb, "--dataset", "web", "--json"], as: served.alice, environment: credentials)
        #expect(pulled.status == 0 || pulled.status == 3, "\(pulled.stderr)")
        let report = try JSONDecoder().decode(ReportJSON.self, from: Data(pulled.stdout.utf8))
        #expect(report.filesAdded >= 2, "\(pulled.stdout)")

        // Pulled again, nothing is retrieved or sent: the client asks the service which SOP Instance UIDs
        // the dataset holds before each batch.
        let again = try served.medlake(
            ["ingest", "--from-dicomweb", dicomweb, "--dataset", "web", "--json"], as: served.alice, environment: credentials)
        #expect(again.status == 0 || again.status == 3, "\(again.stderr)")
        let repeated = try JSONDecoder().decode(ReportJSON.self, from: Data(again.stdout.utf8))
        #expect(repeated.filesSeen == 0 && repeated.filesAdded == 0, "\(again.stdout)")

        // Someone without the ingest right cannot ask which instances the dataset holds.
        let probe = try served.tool(
            "/usr/bin/curl",
            [
                "-s", "-i", "--unix-socket", served.socket, "-H", "Content-Type: application/json", "--data",
                #"{"dataset":"web","sopInstanceUIDs":["1.2.3"]}"#, "http://lake/v1/instances/catalogued",
            ], as: served.carol)
        #expect(probe.stdout.hasPrefix("HTTP/1.1 403"), "\(probe.stdout)")
    }
}
