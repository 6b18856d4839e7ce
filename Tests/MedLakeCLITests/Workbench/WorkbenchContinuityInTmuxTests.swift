import Foundation
import Testing
import TestSupport

/// The real `medlake` binary in tmux: Esc from a study's series comes back to the filtered studies with
/// the cursor on the study drilled into; the Datasets filter narrows the tree and stays when you come back.
@Suite(.serialized)
struct WorkbenchContinuityInTmuxTests {
    @Test("Esc keeps the studies filter and the cursor on the study drilled into")
    func escKeepsFilterAndCursor() throws {
        let folder = try WorkbenchInTmuxTests.sampleLakeCopy()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let tmux = try WorkbenchInTmuxTests.start(in: folder)
        #expect(tmux.waitFor("Tier occupancy", timeout: 30).held, "first frame")
        try tmux.send(":")
        try tmux.run(["send-keys", "-t", "t", "-l", "imaging"], output: false)
        try tmux.send("Enter")
        #expect(tmux.waitFor("Studies").held)
        try tmux.send("/")
        try tmux.run(["send-keys", "-t", "t", "-l", "CR"], output: false)
        #expect(tmux.waitFor("2 of 5").held, "filter line counts matches")
        // The second CR study: its breadcrumb names it.
        try tmux.send("Enter", "j", "Enter")
        let drilled = tmux.waitFor("studies › study ")
        #expect(drilled.held)
        let crumb = try #require(drilled.screen.split(separator: "\n").first { $0.contains("studies › study ") })
        try tmux.send("Escape")
        let back = tmux.waitFor { screen in screen.contains("/CR") && screen.contains("2 of 5") && !screen.contains("› study") }
        #expect(back.held, "the filter is back after Esc: \(back.screen)")
        // Enter again opens the same study: the cursor stayed on it.
        try tmux.send("Enter")
        let again = tmux.waitFor("studies › study ")
        #expect(again.screen.split(separator: "\n").contains(crumb), "same study after Esc and Enter")
        try tmux.send("Escape", "q")
        #expect(tmux.waitFor("EXITED rc=").screen.contains("EXITED rc=0"))
    }

    @Test("/ on Datasets narrows the tree to the matching datasets and is still there after another screen")
    func datasetsFilter() throws {
        let folder = try WorkbenchInTmuxTests.sampleLakeCopy()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let tmux = try WorkbenchInTmuxTests.start(in: folder)
        #expect(tmux.waitFor("Tier occupancy", timeout: 30).held, "first frame")
        try tmux.send(":")
        try tmux.run(["send-keys", "-t", "t", "-l", "datasets"], output: false)
        try tmux.send("Enter")
        let all = tmux.waitFor { $0.contains("sample-imaging") && $0.contains("sample-genomics") }
        #expect(all.held, "both datasets listed: \(all.screen)")
        try tmux.send("/")
        try tmux.run(["send-keys", "-t", "t", "-l", "genomics"], output: false)
        let narrowed = tmux.waitFor { $0.contains("sample-genomics") && !$0.contains("sample-imaging") }
        #expect(narrowed.held, "only the matching dataset is left: \(narrowed.screen)")
        try tmux.send("Enter", ":")
        try tmux.run(["send-keys", "-t", "t", "-l", "flags"], output: false)
        try tmux.send("Enter")
        #expect(tmux.waitFor("state:open").held, "on Flags")
        try tmux.send(":")
        try tmux.run(["send-keys", "-t", "t", "-l", "datasets"], output: false)
        try tmux.send("Enter")
        let back = tmux.waitFor { $0.contains("/genomics") && $0.contains("sample-genomics") && !$0.contains("sample-imaging") }
        #expect(back.held, "the filter is kept: \(back.screen)")
        try tmux.send("q")
        #expect(tmux.waitFor("EXITED rc=").screen.contains("EXITED rc=0"))
    }
}
