import Foundation
import Testing

/// `medlake ingest` through the lake service, by real Unix users: the client reads the files with the
/// user's own rights and sends their bytes (`POST /v1/ingest`); the service never opens a path a user
/// names, so a curator ingests only what they can read, even files the service account could read.
@Suite(.serialized, .enabled(if: UnixUsers.available, "needs root to create Unix users"))
struct ServiceIngestCLITests {
    /// `ingest --json`'s report.
    private struct ReportJSON: Decodable {
        struct Problem: Decodable {
            var path: String
            var reason: String
        }

        var dataset: String
        var filesSeen: Int
        var filesAdded: Int
        var filesAlreadyPresent: Int
        var errors: [Problem]
        var skipped: [Problem]
    }

    private struct DatasetJSON: Decodable {
        var name: String
        var owner: String?
        var files: Int?
    }

    private struct VerificationJSON: Decodable {
        var manifestIntact: Bool
        var okCount: Int
        var entryCount: Int
    }

    private struct FailureJSON: Decodable {
        var code: String
    }

    private func report(_ result: MedLakeProcess.Result) throws -> ReportJSON {
        try JSONDecoder().decode(ReportJSON.self, from: Data(result.stdout.utf8))
    }

    private func datasetNames(_ served: ServedLake) throws -> [String] {
        let listed = try served.medlake(["datasets", "--json"], as: "root")
        return try JSONDecoder().decode([DatasetJSON].self, from: Data(listed.stdout.utf8)).map(\.name)
    }

    private func audit(_ served: ServedLake) throws -> [EntryJSON] {
        let log = try served.medlake(["audit", "list", "--json"], as: "root")
        return try JSONDecoder().decode([EntryJSON].self, from: Data(log.stdout.utf8))
    }

    /// `count` generated DICOM files in a folder only `owner` can open (0700): the service account
    /// cannot read them, so an ingest that works got their bytes from the client.
    private func privateScans(_ served: ServedLake, owner: String, count: Int, name: String = "scans") throws -> String {
        let folder = served.base + "/" + owner + "-" + name
        let generated = try MedLakeProcess.run(
            ["dicom", "generate", "--count", String(count), "--output", folder], binary: served.binary)
        try #require(generated.status == 0, "\(generated.stderr)")
        try UnixUsers.command("/bin/chown", ["-R", owner, folder])
        try UnixUsers.command("/bin/chmod", ["-R", "go-rwx", folder])
        return folder
    }

    @Test func aCuratorIngestsTheirOwnFilesThroughTheService() throws {
        let served = try ServedLake()
        let scans = try privateScans(served, owner: served.alice, count: 5)
        let ingested = try served.medlake(["ingest", scans, "--dataset", "alice-ct", "--json"], as: served.alice)
        #expect(ingested.status == 0, "\(ingested.stdout)\(ingested.stderr)")
        let first = try report(ingested)
        #expect(first.filesSeen == 5 && first.filesAdded == 5 && first.errors.isEmpty, "\(ingested.stdout)")

        // The same bytes again add nothing.
        let again = try report(try served.medlake(["ingest", scans, "--dataset", "alice-ct", "--json"], as: served.alice))
        #expect(again.filesAdded == 0 && again.filesAlreadyPresent == 5)

        // Provenance: the user the kernel named, and the paths as the client named them.
        let log = try audit(served)
        #expect(log.contains { $0.action == "ingest" && $0.actor == served.alice && $0.target == "alice-ct" })
        #expect(log.contains { $0.action == "dataset.create" && $0.actor == served.alice && $0.target == "alice-ct" })
        let file = scans + "/000000-CT.dcm"
        let hash = String(try served.tool("/usr/bin/sha256sum", [file], as: "root").stdout.prefix(64))
        let explained = try MedLakeProcess.run(
            ["explain", hash, "--lake", served.lake], as: served.service, binary: served.binary)
        #expect(explained.stdout.contains("alice-ct \(file) at "), "\(explained.stdout)\(explained.stderr)")
        #expect(explained.stdout.contains(" by \(served.alice)"), "\(explained.stdout)")
        #expect(try served.medlake(["audit", "verify"], as: served.bob).status == 0)
    }

    @Test func aCuratorCannotIngestWhatTheyCannotRead() throws {
        let served = try ServedLake()
        // bob's file, readable by the service account's group but not by alice.
        let secret = try privateScans(served, owner: served.bob, count: 1, name: "secret") + "/000000-CT.dcm"
        try UnixUsers.command("/bin/chgrp", [served.service, secret])
        try UnixUsers.command("/bin/chmod", ["0640", secret])
        try UnixUsers.command("/bin/chmod", ["0755", (secret as NSString).deletingLastPathComponent])
        // A folder of alice's holding a link to it.
        let links = served.base + "/alice-links"
        try FileManager.default.createDirectory(atPath: links, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: links + "/link.dcm", withDestinationPath: secret)
        try UnixUsers.command("/bin/chown", ["-R", "-h", served.alice, links])

        for (path, dataset) in [(secret, "stolen"), ("/etc/shadow", "shadow"), (links + "/link.dcm", "linked")] {
            let refused = try served.medlake(["ingest", path, "--dataset", dataset, "--json"], as: served.alice)
            #expect(refused.status == 1, "\(path): \(refused.stdout)")
            let answer = try report(refused)
            #expect(answer.filesAdded == 0)
            #expect(answer.errors.map(\.path) == [path], "\(refused.stdout)")
            #expect(answer.errors.first?.reason == "cannot open: Permission denied", "\(refused.stdout)")
            #expect(refused.stderr.contains("no file could be ingested"), "\(refused.stderr)")
        }
        // Walking alice's folder, the link leads out of it: skipped, never followed.
        let walked = try served.medlake(["ingest", links, "--dataset", "walked", "--json"], as: served.alice)
        let skipped = try report(walked)
        #expect(skipped.filesSeen == 0 && skipped.skipped.map(\.path) == [links + "/link.dcm"], "\(walked.stdout)")

        let names = try datasetNames(served)
        #expect(names == ["ct"], "\(names)")
        #expect(!(try audit(served)).contains { $0.action == "ingest" && $0.actor == served.alice })
    }

    @Test func aUserWithoutTheIngestRightIsRefusedAndAudited() throws {
        let served = try ServedLake()
        let scans = try privateScans(served, owner: served.carol, count: 2)
        let refused = try served.medlake(["ingest", scans, "--dataset", "carols", "--json"], as: served.carol)
        #expect(refused.status == 1)
        #expect(try JSONDecoder().decode(FailureJSON.self, from: Data(refused.stderr.utf8)).code == "permissionDenied",
                "\(refused.stderr)")
        #expect(try datasetNames(served) == ["ct"])
        let log = try audit(served)
        #expect(log.contains { $0.action == "ingest.refused" && $0.actor == served.carol && $0.target == "carols" })
        #expect(try served.medlake(["audit", "verify"], as: served.alice).status == 0)
    }

    @Test func badBytesGetTypedErrorsNamingTheFile() throws {
        let served = try ServedLake()
        let scans = try privateScans(served, owner: served.alice, count: 2)
        // A file that is no scan: reported by name with the typed reason, the others ingested.
        let notes = scans + "/notes.txt"
        try Data("not a scan".utf8).write(to: URL(fileURLWithPath: notes))
        try UnixUsers.command("/bin/chown", [served.alice, notes])
        let ingested = try served.medlake(["ingest", scans, "--dataset", "mixed", "--json"], as: served.alice)
        #expect(ingested.status == 3, "\(ingested.stdout)\(ingested.stderr)")
        let answer = try report(ingested)
        #expect(answer.filesAdded == 2)
        #expect(answer.errors.map(\.path) == [notes], "\(ingested.stdout)")
        #expect(answer.errors.first?.reason.hasPrefix("format not recognized") == true, "\(ingested.stdout)")

        // A body that is not an upload is refused as the request's fault, naming where it went wrong.
        let raw = try served.tool(
            "/usr/bin/curl",
            ["-s", "--unix-socket", served.socket, "-H", "Content-Type: application/octet-stream",
             "--data-binary", "MLU1Q", "http://lake/v1/ingest?dataset=junk"],
            as: served.alice)
        let problem = try JSONDecoder().decode(ProblemJSON.self, from: Data(raw.stdout.utf8))
        #expect(problem.status == 400 && problem.detail.contains("at byte 4: unknown record type 0x51"), "\(raw.stdout)")
        #expect(try !datasetNames(served).contains("junk"))
    }

    /// The service is killed (SIGKILL, at a test fault point) after the first of two batches committed:
    /// the user is told at once; after a restart the same command completes, with every file once.
    @Test func aServiceKilledMidIngestLosesNothingAndARerunCompletes() throws {
        let served = try ServedLake()
        let scans = try privateScans(served, owner: served.alice, count: 1200)
        served.stop()
        try served.start(environment: ["MEDLAKE_FAULT_POINT": "ingest.batch-recorded"])
        let cut = try served.medlake(["ingest", scans, "--dataset", "big", "--json"], as: served.alice)
        #expect(cut.status == 1)
        #expect(cut.stderr.contains("\"code\" : \"serviceUnavailable\""), "\(cut.stderr)")
        #expect(cut.stderr.contains("closed the connection before answering"), "\(cut.stderr)")
        served.waitForExit()

        try served.start()
        let partial = try served.medlake(["dataset", "show", "big", "--json"], as: served.alice)
        #expect(partial.stdout.contains("\"fileCount\" : 1000"), "\(partial.stdout)")
        let rerun = try served.medlake(["ingest", scans, "--dataset", "big", "--json"], as: served.alice)
        #expect(rerun.status == 0, "\(rerun.stderr)")
        let completed = try report(rerun)
        #expect(completed.filesAdded == 200 && completed.filesAlreadyPresent == 1000, "\(rerun.stdout)")
        let shown = try served.medlake(["dataset", "show", "big", "--json"], as: served.alice)
        #expect(shown.stdout.contains("\"fileCount\" : 1200"), "\(shown.stdout)")

        let published = try served.medlake(["version", "publish", "big"], as: served.alice)
        #expect(published.status == 0, "\(published.stderr)")
        let verified = try served.medlake(["manifest", "verify", "big@latest", "--json"], as: served.alice)
        let manifest = try JSONDecoder().decode(VerificationJSON.self, from: Data(verified.stdout.utf8))
        #expect(manifest.manifestIntact && manifest.okCount == 1200 && manifest.entryCount == 1200, "\(verified.stdout)")
        #expect(try served.medlake(["audit", "verify"], as: served.alice).status == 0)
        // The account checks its own files with the service stopped, which needs the admin role.
        #expect(try served.medlake(["roles", "grant", served.service, "admin"], as: "root").status == 0)
        served.stop()
        let checked = try MedLakeProcess.run(["fsck", "--lake", served.lake], as: served.service, binary: served.binary)
        #expect(checked.status == 0, "\(checked.stdout)\(checked.stderr)")
    }
}
