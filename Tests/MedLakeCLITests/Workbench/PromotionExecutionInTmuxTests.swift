import Foundation
import Testing
import TestSupport

/// The real `medlake` binary in tmux on the sample lake, as a curator would use it: a blocking flag on a
/// series of the pending request, the approval's outcome shown as blocked (not "approved"), the flag
/// resolved from another terminal, and `x` publishing the curated version.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable, "needs tmux"))
struct PromotionExecutionInTmuxTests {
    struct SeriesJSON: Decodable {
        var seriesInstanceUID: String
    }

    struct FlagJSON: Decodable {
        var id: Int64
        var target: String
    }

    /// Types `text` into a dialog's note once its guard interval (300 ms after opening) is over: the first
    /// character is sent until the note shows it, so the test waits on the screen, never on a clock.
    static func typeNote(_ text: String, in tmux: TmuxSession) throws -> Bool {
        guard let first = text.first else { return true }
        var shown = false
        for _ in 0..<50 where !shown {
            try tmux.run(["send-keys", "-t", "t", "-l", String(first)], output: false)
            shown = tmux.waitFor("note: \(first)", timeout: 2).held
        }
        guard shown else { return false }
        try tmux.run(["send-keys", "-t", "t", "-l", String(text.dropFirst())], output: false)
        return tmux.waitFor("note: ", timeout: 10).held
    }

    @Test("Blocking flag on a series → approve → failure shown → flag resolved → x executes")
    func blockedApprovalThenExecute() throws {
        let folder = try WorkbenchInTmuxTests.sampleLakeCopy()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let lake = folder + "/SampleLake"
        let tmux = try WorkbenchInTmuxTests.start(in: folder, width: 140, height: 40)
        #expect(tmux.waitFor("Tier occupancy", timeout: 120).held, "first frame of the built sample lake")

        // Another terminal flags a series the pending request keeps (one without an open blocking flag).
        let blocking = try MedLakeProcess.run(
            ["flags", "list", "--state", "open", "--severity", "blocking", "--json", "--lake", lake])
        let flagged = Set(try JSONDecoder().decode([FlagJSON].self, from: Data(blocking.stdout.utf8)).map(\.target))
        let listed = try MedLakeProcess.run(["series", "sample-imaging", "--json", "--lake", lake])
        let series = try #require(
            try JSONDecoder().decode([SeriesJSON].self, from: Data(listed.stdout.utf8))
                .map(\.seriesInstanceUID).first { !flagged.contains($0) })
        let added = try MedLakeProcess.run(
            ["flags", "add", series, "burned-in-annotation", "--note", "text in the pixels", "--json", "--lake", lake])
        #expect(added.status == 0, "\(added.stderr)")
        let flag = try JSONDecoder().decode(FlagJSON.self, from: Data(added.stdout.utf8))

        try tmux.send(":")
        try tmux.run(["send-keys", "-t", "t", "-l", "promotions"], output: false)
        try tmux.send("Enter")
        #expect(tmux.waitFor("SampleLake · Promotions").held)
        try tmux.send("/")
        try tmux.run(["send-keys", "-t", "t", "-l", "sample-imaging"], output: false)
        try tmux.send("Enter")
        let blocked = tmux.waitFor("blocked: blocking-flags")
        #expect(blocked.held, "the row tells the execution state: \(blocked.screen)")
        // The row shows before the `/` filter has selected it; the checks pane follows the selection.
        let checks = tmux.waitFor("FAIL blocking-flags")
        #expect(checks.held, "the selected promotion's checks: \(checks.screen)")

        try tmux.send("y")
        #expect(tmux.waitFor("Approve promotion").held)
        #expect(tmux.capture().contains("FAILING checks (run now): blocking-flags"))
        #expect(try Self.typeNote("reviewed", in: tmux))
        try tmux.send("Enter")
        let failed = tmux.waitFor("not executed: blocked by blocking-flags")
        #expect(failed.held, "the flash line tells the final outcome: \(failed.screen)")
        #expect(!failed.screen.contains(": approved."))

        let resolved = try MedLakeProcess.run(
            ["flags", "resolve", String(flag.id), "--note", "a ruler, not a name", "--lake", lake])
        #expect(resolved.status == 0, "\(resolved.stderr)")
        try tmux.send("C-r")
        #expect(tmux.waitFor("failed (x retries)").held, "checks run again: no longer blocked")
        try tmux.send("x")
        let executed = tmux.waitFor("executed: sample-imaging@", timeout: 120)
        #expect(executed.held, "\(executed.screen)")
        let shown = try MedLakeProcess.run(["promote", "list", "--lake", lake])
        #expect(shown.stdout.contains("executed sample-imaging@"), "\(shown.stdout)")

        try tmux.send("Escape", "q")
        #expect(tmux.waitFor("EXITED rc=").screen.contains("EXITED rc=0"))
    }
}
