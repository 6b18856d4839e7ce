import Foundation
import Testing
import TestSupport

/// The sample lake's own behaviour through the real binary in tmux: `w` starts a worker from the
/// Migrations screen, the second identity's requests (as root), and opening the committed lake — as
/// root or as a regular user — leaves `git status` clean while the CLI finds it from the clone's root.
@Suite(.serialized)
struct SampleLakeInTmuxTests {
    @Test("Apply the lifecycle plan, press w: the workbench's own worker moves it, progress rises and finishes")
    func workerKey() throws {
        let folder = try WorkbenchInTmuxTests.sampleLakeCopy()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let tmux = try WorkbenchInTmuxTests.start(in: folder)
        #expect(tmux.waitFor("Tier occupancy", timeout: 60).held)
        try WorkbenchInTmuxTests.queueLifecyclePlan(in: tmux, reason: "cool it")
        try tmux.send("w")
        let started = tmux.waitFor({ $0.contains(/worker: pid \d+ running/) })
        #expect(started.held, "the worker's pid and state")
        // A second press while it runs is refused.
        try tmux.send("w")
        #expect(tmux.waitFor("A worker is already running").held)
        // Progress numbers rise across captures without any input.
        let progress = MigrationProgressWatch(tmux)
        // The warm tier's 4 MB/s limit makes the 25 MB job last six seconds at least, whatever the machine.
        #expect(progress.seen.count >= 2, "progress seen: \(progress.seen)")
        #expect(progress.seen == progress.seen.sorted(), "progress never goes back: \(progress.seen)")
        #expect(progress.finished, "the job finished on screen")
        #expect(tmux.waitFor({ $0.contains(/worker: pid \d+ exited 0/) }).held,
                "the worker exits once idle and is reaped")
        let log = (try? String(contentsOfFile: folder + "/SampleLake/worker.log", encoding: .utf8)) ?? ""
        #expect(!log.contains("error"), "worker log: \(log)")
        try tmux.send("q")
        #expect(tmux.waitFor("EXITED rc=0").held)
    }

    @Test(
        "As root the sample lake holds a pending request by medlake-sample, approved in the workbench, and a training version with a run",
        .enabled(if: geteuid() == 0, "needs root: the sample lake's second identity is a Unix user setup creates")
    )
    func governanceAsRoot() throws {
        let folder = try WorkbenchInTmuxTests.sampleLakeCopy()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let git = try Self.commitSampleLake(in: folder, as: nil)
        let tmux = try WorkbenchInTmuxTests.start(in: folder)
        #expect(tmux.waitFor("Tier occupancy", timeout: 60).held)
        #expect(tmux.waitFor({ $0.contains(/pending promotions\s+1/) }).held)
        let lake = folder + "/SampleLake"
        // From the clone's root, without --lake, the CLI finds the sample lake as the workbench did.
        let requested = try MedLakeProcess.run(["promote", "list", "--json"], in: folder)
        #expect(requested.status == 0, "\(requested.stderr)")
        let before = try JSONSerialization.jsonObject(with: Data(requested.stdout.utf8)) as? [[String: Any]] ?? []
        let states = before.map { "\($0["state"] ?? "") \($0["targetZone"] ?? "") \($0["requester"] ?? "")" }
        #expect(states.sorted() == ["executed curated medlake-sample", "executed training medlake-sample",
                                     "pending curated medlake-sample"])
        let pendingID = before.first { $0["state"] as? String == "pending" }?["id"] as? Int

        // Root approves medlake-sample's request on the Promotions screen: its state and the audit log change.
        try tmux.send(":")
        try tmux.run(["send-keys", "-t", "t", "-l", "promotions"], output: false)
        try tmux.send("Enter")
        #expect(tmux.waitFor("pending").held, "the pending request is listed")
        try tmux.send("/")
        try tmux.run(["send-keys", "-t", "t", "-l", "pending"], output: false)
        try tmux.send("Enter")
        // `y` acts on the highlighted row of the filtered list: wait until the list has been narrowed.
        #expect(tmux.waitFor("1 of 3").held, "the filter narrowed the list to the pending request")
        try tmux.send("y")
        #expect(tmux.waitFor("Approve promotion \(pendingID ?? 0)").held, "the dialog names the request")
        Thread.sleep(forTimeInterval: 0.4)  // the dialog ignores keys for 300 ms after opening
        try tmux.run(["send-keys", "-t", "t", "-l", "checked in tmux"], output: false)
        try tmux.send("Tab", "Tab", "Enter")
        try tmux.send(":")
        try tmux.run(["send-keys", "-t", "t", "-l", "audit"], output: false)
        try tmux.send("Enter")
        #expect(tmux.waitFor("promotion.approve").held, "the approval is in the audit log")
        try tmux.send("q")
        #expect(tmux.waitFor("EXITED rc=0").held)
        let decided = try MedLakeProcess.run(["promote", "show", String(pendingID ?? 0), "--lake", lake, "--json"])
        let promotion = try JSONSerialization.jsonObject(with: Data(decided.stdout.utf8)) as? [String: Any] ?? [:]
        #expect(promotion["state"] as? String != "pending", "the request is no longer pending: \(decided.stdout)")
        #expect(decided.stdout.contains("checked in tmux"), "the comment is recorded")
        let runs = try MedLakeProcess.run(["run", "list", "--lake", lake, "--json"])
        let training = try MedLakeProcess.run(["version", "list", "sample-genomics", "--lake", lake, "--json"])
        let versions = try JSONSerialization.jsonObject(with: Data(training.stdout.utf8)) as? [[String: Any]] ?? []
        let trainingHash = versions.first { $0["zone"] as? String == "training" }?["manifestHash"] as? String
        #expect(trainingHash != nil)
        #expect(runs.stdout.contains(trainingHash ?? "none"), "the run is bound to the training manifest")
        let audit = try MedLakeProcess.run(["audit", "list", "--lake", lake, "--action", "promotion.request", "--json"])
        let events = try JSONSerialization.jsonObject(with: Data(audit.stdout.utf8)) as? [[String: Any]] ?? []
        #expect(events.count == 3 && events.allSatisfy { $0["actor"] as? String == "medlake-sample" },
                "the audit log names the requester")
        #expect(FileManager.default.fileExists(atPath: lake + "/keys"), "the promotions made the de-identification key")
        #expect(try git(["status", "--porcelain", "--untracked-files=all"]) == "", "git status after opening as root")
    }

    @Test(
        "As root, a sample lake under a private folder says plainly that medlake-sample cannot reach it",
        .enabled(if: geteuid() == 0, "needs root: the sample lake's second identity is a Unix user setup creates")
    )
    func unreachableLakeIsNamed() throws {
        let folder = try WorkbenchInTmuxTests.sampleLakeCopy()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: folder)
        let tmux = try WorkbenchInTmuxTests.start(in: folder, width: 300)
        let first = tmux.waitFor("Tier occupancy", timeout: 60)
        #expect(first.held)
        #expect(first.screen.contains("medlake-sample cannot reach the lake (\(folder) is mode 0700)"),
                "\(first.screen)")
        #expect(first.screen.contains(/pending promotions\s+0/))
        try tmux.send("q")
        #expect(tmux.waitFor("EXITED rc=0").held)
    }

    @Test("A regular user opening the committed sample lake leaves git status clean; the CLI finds it from the root")
    func gitStatusStaysClean() throws {
        guard UnixUsers.available else { return }
        let users = try UnixUsers(["clone"])
        let user = users.names[0]
        let folder = try WorkbenchInTmuxTests.sampleLakeCopy()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // The user cannot reach the build folder when the clone sits in a private one: run a copy.
        let binaryFolder = NSTemporaryDirectory() + "medlake-bin-" + UUID().uuidString
        try FileManager.default.createDirectory(
            atPath: binaryFolder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o755])
        defer { try? FileManager.default.removeItem(atPath: binaryFolder) }
        let binary = binaryFolder + "/medlake"
        try MedLakeProcess.copyBinary(to: binary)
        try UnixUsers.command("/bin/chown", ["-R", user, folder])
        let git = try Self.commitSampleLake(in: folder, as: user)
        let early = try MedLakeProcess.run(["datasets"], as: user, binary: binary, in: folder)
        #expect(early.status != 0 && early.stderr.contains("sample lake at \(folder)/SampleLake is not built yet"),
                "before the first open the CLI says what to do: \(early.stderr)")
        let tmux = try TmuxSession(
            command: "runuser -u \(user) -- sh -c 'cd \(folder) && \(binary)'; echo EXITED rc=$?; sleep 60",
            width: 100, height: 30, environment: ["LANG": "C.UTF-8", "TERM": "tmux-256color"])
        let first = tmux.waitFor("Tier occupancy", timeout: 60)
        #expect(first.held)
        #expect(first.screen.contains(user + " [admin,curator,annotator,operator]"), "the claimed roles")
        #expect(first.screen.contains("Sample lake built as a regular user"), "the note on what is missing")
        try tmux.send("q")
        #expect(tmux.waitFor("EXITED rc=0").held)
        #expect(try git(["status", "--porcelain", "--untracked-files=all"]) == "",
                "git status after opening the sample lake")
        #expect(FileManager.default.fileExists(atPath: folder + "/SampleLake/lake.local.toml"))
        let listed = try MedLakeProcess.run(["datasets"], as: user, binary: binary, in: folder)
        #expect(listed.status == 0 && listed.stdout.contains("sample-imaging"),
                "from the clone's root: \(listed.stderr)")
    }

    /// Makes `folder` a git repository holding the committed part of its `SampleLake` (as `user`, else
    /// as root) and returns a function running git there.
    private static func commitSampleLake(in folder: String, as user: String?) throws -> ([String]) throws -> String {
        let git = { (arguments: [String]) throws -> String in
            let command = ["/usr/bin/git", "-C", folder] + arguments
            let result = try user.map { try Self.run("/usr/sbin/runuser", ["-u", $0, "--"] + command) }
                ?? Self.run(command[0], Array(command.dropFirst()))
            #expect(result.status == 0, "git \(arguments): \(result.output)")
            return result.output
        }
        _ = try git(["init", "-q"])
        _ = try git(["add", "SampleLake"])
        _ = try git(["-c", "user.name=Sample", "-c", "user.email=sample@example.org", "commit", "-q", "-m", "clone"])
        return git
    }

    private static func run(_ tool: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
