import Foundation
import Testing
import TestSupport

/// The real `medlake` binary driven in tmux: the sample lake's first frame, every screen, a filter, a
/// series with its preview, the hostile PatientName, a resize, `q`, and a closed client.
@Suite(.serialized)
struct WorkbenchInTmuxTests {
    /// Opens Migrations, previews the lifecycle plan (`p`) and applies it (`A`) with `reason`, then waits
    /// for the queued job's flash line.
    static func queueLifecyclePlan(in tmux: TmuxSession, reason: String) throws {
        try tmux.send(":")
        try tmux.run(["send-keys", "-t", "t", "-l", "migrations"], output: false)
        try tmux.send("Enter")
        #expect(tmux.waitFor("worker: w to start").held)
        try tmux.send("p")
        #expect(tmux.waitFor("cool-raw: 50 obj").held, "lifecycle plan preview")
        try tmux.send("A")
        #expect(tmux.waitFor("Apply lifecycle plan").held)
        Thread.sleep(forTimeInterval: 0.4)  // the dialog ignores keys for 300 ms after opening
        try tmux.run(["send-keys", "-t", "t", "-l", reason], output: false)
        try tmux.send("Tab", "Tab", "Enter")
        #expect(tmux.waitFor("1 migration job queued").held)
    }

    /// The sample's first study row and its first series row, drawn once a screen's rows have loaded.
    static let studyRow = "Synthetic CT study 0"
    static let seriesRow = "ct-head"

    /// A copy of the repository's `SampleLake` (lake.toml and sources) in a fresh folder.
    static func sampleLakeCopy() throws -> String {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let folder = NSTemporaryDirectory() + "workbench-e2e-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder + "/SampleLake", withIntermediateDirectories: true)
        for item in ["lake.toml", "sources", ".gitignore", "README.md"] {
            try FileManager.default.copyItem(atPath: repository.appendingPathComponent("SampleLake/" + item).path,
                                             toPath: folder + "/SampleLake/" + item)
        }
        return folder
    }

    static func start(in folder: String, width: Int = 100, height: Int = 30) throws -> TmuxSession {
        try TmuxSession(
            command: "cd \(folder) && \(MedLakeProcess.binary); echo EXITED rc=$?; echo TTY $(stty -a | tr ' ;' '\\n\\n' | grep -E '^-?(icanon|echo)$'); sleep 60",
            width: width, height: height, environment: ["LANG": "C.UTF-8", "TERM": "tmux-256color"])
    }

    @Test("First frame of the sample lake, every screen, filter, series preview, hostile name, resize, q")
    func walkthrough() throws {
        let folder = try Self.sampleLakeCopy()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let tmux = try Self.start(in: folder)
        #expect(tmux.waitFor("Tier occupancy", timeout: 30).held, "first frame")
        #expect(tmux.capture().contains("MedLake · SampleLake · Overview"))
        for screen in ["datasets", "genomics", "flags", "promotions", "migrations", "audit", "imaging"] {
            try tmux.send(":")
            try tmux.run(["send-keys", "-t", "t", "-l", screen], output: false)
            try tmux.send("Enter")
            let title = screen.prefix(1).uppercased() + screen.dropFirst()
            #expect(tmux.waitFor("SampleLake · " + title).held, "screen \(screen)")
        }
        // Imaging: filter the studies to the hostile CR, open its series and instance.
        #expect(tmux.waitFor("Studies").held)
        try tmux.send("/")
        try tmux.run(["send-keys", "-t", "t", "-l", "CR"], output: false)
        #expect(tmux.waitFor("2 of 5").held, "filter line counts matches")
        // The hostile patient's study is the later of the two CR studies.
        try tmux.send("Enter", "j", "Enter")
        #expect(tmux.waitFor("Series").held)
        try tmux.send("/")
        try tmux.run(["send-keys", "-t", "t", "-l", "hostile"], output: false)
        try tmux.send("Enter", "Enter")
        #expect(tmux.waitFor("Preview 64×64").held, "preview of the selected instance")
        try tmux.send("Tab", "/")
        try tmux.run(["send-keys", "-t", "t", "-l", "PatientName"], output: false)
        try tmux.send("Enter")
        let hostile = tmux.waitFor("PatientName  [Evil^")
        #expect(hostile.held)
        #expect(hostile.screen.contains("Evil^^[[2J^[]52;c;"), "ESC shown visibly, as ^[")
        #expect(tmux.capture().contains("MedLake"), "the clear-screen sequence was not executed")
        // Resize.
        try tmux.run(["resize-window", "-t", "t", "-x", "120", "-y", "40"], output: false)
        #expect(tmux.waitFor({ screen in screen.split(separator: "\n").first.map { $0.count >= 110 } ?? false }).held)
        // Quit restores the terminal (cooked mode: icanon echo).
        try tmux.send("Escape", "Escape", "q")
        let exit = tmux.waitFor("EXITED rc=")
        #expect(exit.screen.contains("EXITED rc=0"))
        #expect(tmux.waitFor("TTY ").screen.contains("TTY icanon echo"))
    }

    @Test("The genomics inspector reads a BAM header on the sample lake; the DICOM tag tree folds and unfolds")
    func inspectors() throws {
        let folder = try Self.sampleLakeCopy()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let tmux = try Self.start(in: folder)
        #expect(tmux.waitFor("Tier occupancy", timeout: 30).held, "first frame")
        try tmux.send(":")
        try tmux.run(["send-keys", "-t", "t", "-l", "genomics"], output: false)
        try tmux.send("Enter")
        #expect(tmux.waitFor("Files · NA0001").held, "the first sample's files")
        try tmux.send("Enter", "Enter")
        #expect(tmux.waitFor("Inspector · File").held, "the inspector has the focus")
        #expect(tmux.waitFor("BGZF EOF block present").held, "the header was read from the tier")
        try tmux.send("]", "]", "]", "]")
        let contigs = tmux.waitFor("Inspector · Contigs (")
        #expect(contigs.held, "section jump to the contigs")
        #expect(contigs.screen.contains("Read groups ("))
        try tmux.send(":")
        try tmux.run(["send-keys", "-t", "t", "-l", "imaging"], output: false)
        try tmux.send("Enter")
        // Keys act on rows, so each step waits for the rows, not only the header drawn before them.
        #expect(tmux.waitFor(Self.studyRow).held, "the studies are listed")
        try tmux.send("Enter")
        #expect(tmux.waitFor(Self.seriesRow).held, "the series are listed")
        try tmux.send("Enter")
        #expect(tmux.waitFor("Preview").held, "an instance is inspected")
        // Folding applies to the tags of the inspection shown, so wait until they are drawn.
        #expect(tmux.waitFor { $0.contains("Tags ·") && $0.contains("(0008,0018)") }.held, "the tags are shown")
        try tmux.send("Tab")
        try tmux.run(["send-keys", "-t", "t", "-l", "-"], output: false)
        let folded = tmux.waitFor { $0.contains("Tags ·") && $0.contains("folded") && $0.contains("▸ (") }
        #expect(folded.held, "collapse all folds the sequences")
        try tmux.run(["send-keys", "-t", "t", "-l", "+"], output: false)
        #expect(tmux.waitFor { !$0.contains("folded") && $0.contains("Tags") }.held, "expand all unfolds them")
        try tmux.send("q")
        #expect(tmux.waitFor("EXITED rc=").screen.contains("EXITED rc=0"))
    }

    @Test("Closing the tmux client (SIGHUP to the pane) ends the process")
    func hangup() throws {
        let folder = try Self.sampleLakeCopy()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let tmux = try Self.start(in: folder)
        #expect(tmux.waitFor("Tier occupancy", timeout: 30).held)
        let shell = try tmux.run(["display-message", "-p", "-t", "t", "#{pane_pid}"])
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let children = (try? String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8)) ?? ""
        let medlake = Int32(children.split(separator: " ").first ?? "") ?? 0
        #expect(medlake > 0, "medlake runs under the pane's shell")
        try tmux.run(["kill-session", "-t", "t"], output: false)
        let deadline = Date().addingTimeInterval(60)
        var alive = true
        while alive, Date() < deadline {
            let status = (try? String(contentsOfFile: "/proc/\(medlake)/stat", encoding: .utf8)) ?? ""
            alive = !status.isEmpty && !status.contains(") Z ")
            if alive { Thread.sleep(forTimeInterval: 0.05) }
        }
        #expect(!alive, "medlake still running after the session closed")
    }

    @Test("Apply the lifecycle plan, start a worker in a second process, watch progress rise and finish")
    func liveMigration() throws {
        let folder = try Self.sampleLakeCopy()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let tmux = try Self.start(in: folder)
        #expect(tmux.waitFor("Tier occupancy", timeout: 60).held)
        try Self.queueLifecyclePlan(in: tmux, reason: "watch it move")
        let worker = try MedLakeProcess.start(["worker", "--lake", folder + "/SampleLake", "--until-idle"])
        defer { worker.0.waitUntilExit() }
        // Progress numbers rise across captures without any input.
        let progress = MigrationProgressWatch(tmux)
        // The warm tier's 4 MB/s limit makes the 25 MB job last six seconds at least, whatever the machine.
        #expect(progress.seen.count >= 2, "progress seen: \(progress.seen)")
        #expect(progress.seen == progress.seen.sorted(), "progress never goes back: \(progress.seen)")
        #expect(progress.finished, "the job finished on screen")
        try tmux.send("q")
        #expect(tmux.waitFor("EXITED rc=0").held)
    }
}
