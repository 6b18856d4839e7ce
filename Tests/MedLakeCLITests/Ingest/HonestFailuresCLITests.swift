import Foundation
import Storage
import Testing

/// Failures are never reported as success, through the real binary: an ingest in which no file succeeded
/// leaves no dataset and exits 1, a partial one exits 3 naming each failed file, a worker whose job failed
/// exits 3 naming the job, and a file name that is not UTF-8 ingests and is shown escaped.
@Suite struct HonestFailuresCLITests {
    let base = NSTemporaryDirectory() + "honest-cli-" + UUID().uuidString
    var lake: String { base + "/lake" }

    init() throws {
        try FileManager.default.createDirectory(atPath: base + "/in", withIntermediateDirectories: true)
        #expect(try MedLakeProcess.run(["init", base + "/lake"]).status == 0)
    }

    private func cleanUp() { try? FileManager.default.removeItem(atPath: base) }

    private func datasetNames() throws -> [String] {
        let listed = try MedLakeProcess.run(["datasets", "--lake", lake, "--json"])
        #expect(listed.status == 0)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
        return rows.compactMap { $0["name"] as? String }
    }

    @Test func anIngestOfOnlyBadFilesLeavesNoDatasetAndExits1() throws {
        defer { cleanUp() }
        try Data("plain text".utf8).write(to: URL(fileURLWithPath: base + "/in/a.txt"))
        try Data("more text".utf8).write(to: URL(fileURLWithPath: base + "/in/b.txt"))

        let result = try MedLakeProcess.run(
            ["ingest", base + "/in", base + "/in/missing.dcm", "--dataset", "bad", "--lake", lake])
        #expect(result.status == 1)
        #expect(result.stderr.contains("no file could be ingested into bad"))
        #expect(result.stdout.contains("errors: 3"))
        #expect(result.stdout.contains("a.txt: format not recognized"))
        #expect(result.stdout.contains("b.txt: format not recognized"))
        #expect(result.stdout.contains("missing.dcm: cannot stat: No such file or directory"))
        #expect(try datasetNames().isEmpty)
    }

    @Test func aPartialFailureExits3AndListsEachFailedFileWithItsReason() throws {
        defer { cleanUp() }
        #expect(try MedLakeProcess.run(["dicom", "generate", "--count", "2", "--output", base + "/in"]).status == 0)
        try Data("plain text".utf8).write(to: URL(fileURLWithPath: base + "/in/notes.txt"))

        let result = try MedLakeProcess.run(
            ["ingest", base + "/in", base + "/nowhere", "--dataset", "part", "--lake", lake, "--json"])
        #expect(result.status == 3)
        let report = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        #expect(report?["filesAdded"] as? Int == 2)
        let errors = report?["errors"] as? [[String: String]] ?? []
        #expect(errors.count == 2)
        #expect(errors.contains { $0["path"] == base + "/in/notes.txt" && $0["reason"]?.hasPrefix("format not recognized") == true })
        #expect(errors.contains { $0["path"] == base + "/nowhere" && $0["reason"]?.contains("No such file") == true })
        #expect(try datasetNames() == ["part"])
    }

    /// The warm tier is a 16 KiB tmpfs, so the job's copies fail for want of space (even as root).
    @Test func aWorkerWhoseJobFailedExits3NamingTheJob() throws {
        defer { cleanUp() }
        #expect(try MedLakeProcess.run(["dicom", "generate", "--count", "2", "--output", base + "/in"]).status == 0)
        #expect(try MedLakeProcess.run(["ingest", base + "/in", "--dataset", "d", "--lake", lake]).status == 0)
        let warm = lake + "/tiers/warm"
        try FileManager.default.createDirectory(atPath: warm, withIntermediateDirectories: true)
        try #require(
            TwoFileSystemChaosCLITests.system("/bin/mount", "-t", "tmpfs", "-o", "size=16k,mode=0700", "tmpfs", warm) == 0,
            "mounting needs root")
        defer { _ = TwoFileSystemChaosCLITests.system("/bin/umount", warm) == 0
            || TwoFileSystemChaosCLITests.system("/bin/umount", "-l", warm) == 0 }
        #expect(try MedLakeProcess.run(["migrate", "d", "--to", "warm", "--lake", lake]).status == 0)

        let worker = try MedLakeProcess.run(["worker", "--until-idle", "--lake", lake])
        #expect(worker.status == 3)
        #expect(worker.stderr.contains("job 1 (d to tier warm) failed: "), "\(worker.stderr)")
        #expect(worker.stderr.contains("tiers/warm"), "the reason names the destination")

        let jobs = try MedLakeProcess.run(["migrate", "list", "--lake", lake, "--json"])
        let rows = try JSONSerialization.jsonObject(with: Data(jobs.stdout.utf8)) as? [[String: Any]] ?? []
        #expect(rows.first?["state"] as? String == "failed")
        // Nothing left to run: the failed job is not retried by the next worker until resumed.
        #expect(try MedLakeProcess.run(["worker", "--until-idle", "--lake", lake]).status == 0)
    }

    @Test func aFileNamedWithBytesThatAreNotUTF8IsIngestedListedAndInItsManifest() throws {
        defer { cleanUp() }
        // Created through open(2) with the raw bytes: no String can name this file.
        let name = (Array((base + "/in/scan-").utf8) + [0xFF, 0xFE] + Array(".bin".utf8) + [0]).map { CChar(bitPattern: $0) }
        let descriptor = open(name, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        #expect(descriptor >= 0)
        #expect(write(descriptor, "payload", 7) == 7)
        close(descriptor)
        let escaped = base + "/in/scan-\\xFF\\xFE.bin"

        let ingest = try MedLakeProcess.run(["ingest", base + "/in", "--dataset", "raw", "--keep-unknown", "--lake", lake])
        #expect(ingest.status == 0, "\(ingest.stdout)")

        let sha = ContentHasher.digest(of: Array("payload".utf8)).hex
        let show = try MedLakeProcess.run(["show", sha, "--lake", lake])
        #expect(show.status == 0)
        // Output is decoded as UTF-8 here: a raw invalid byte would show up as U+FFFD.
        #expect(!show.stdout.contains("\u{FFFD}"), "no raw invalid byte reaches the terminal")
        #expect(show.stdout.contains("from " + escaped))
        let json = try MedLakeProcess.run(["show", sha, "--lake", lake, "--json"])
        #expect(!json.stdout.contains("\u{FFFD}"))
        #expect(json.stdout.contains("scan-\\\\xFF\\\\xFE.bin"))

        #expect(try MedLakeProcess.run(["version", "publish", "raw", "--lake", lake]).status == 0)
        let manifest = try MedLakeProcess.run(["manifest", "export", "raw@latest", "--lake", lake])
        #expect(manifest.status == 0)
        #expect(!manifest.stdout.contains("\u{FFFD}"))
        #expect(manifest.stdout.contains("scan-\\\\xFF\\\\xFE.bin"))
        let verify = try MedLakeProcess.run(["manifest", "verify", "raw@latest", "--lake", lake])
        #expect(verify.status == 0, "\(verify.stdout)")
        #expect(verify.stdout.contains("1/1 objects ok"))
    }

    /// `Process` takes `String` arguments, so a shell builds the raw argument with printf.
    @Test func aFileNamedWithBytesThatAreNotUTF8CanBeGivenOnTheCommandLine() throws {
        defer { cleanUp() }
        let name = (Array((base + "/in/scan-").utf8) + [0xFF, 0xFE] + Array(".bin".utf8) + [0]).map { CChar(bitPattern: $0) }
        let descriptor = open(name, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        #expect(descriptor >= 0)
        #expect(write(descriptor, "argv", 4) == 4)
        close(descriptor)

        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/sh")
        shell.arguments = [
            "-c", #"exec "$0" ingest "$1/in/scan-$(printf '\377\376').bin" --dataset argv --keep-unknown --lake "$1/lake""#,
            MedLakeProcess.binary, base,
        ]
        let output = Pipe()
        shell.standardOutput = output
        shell.standardError = output
        try shell.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        shell.waitUntilExit()
        #expect(shell.terminationStatus == 0, "\(text)")
        #expect(text.contains("new: 1"))
        #expect(try datasetNames() == ["argv"])
    }
}
