import Catalog
import Foundation
import LakeEngine
import TUI
import Testing
@testable import Workbench

/// Flags: reopen a resolved flag with `u`; add a flag with a chosen severity from the codes that fit the
/// target; Esc cancels a dialog with a word in the flash line, and Esc on the `/` line keeps `state:open`.
@MainActor @Suite struct FlagsDialogTests {
    @Test("u reopens a resolved flag through a dialog, audited")
    func reopen() async throws {
        let lake = try SampleFixture.make("flags-reopen")
        let flag = try #require(try lake.listFlags(FlagFilter(code: "needs-review")).first)
        try lake.resolveFlag(id: flag.id ?? 0, note: "counted the slices")
        let harness = try Harness(lake: lake, screen: .flags)
        try await harness.start()
        await harness.press(.character("/"))
        await harness.type(" code:needs-review")
        await harness.press(.enter, .character("t"))
        #expect(harness.model.screens.flags.parsedQuery.terms["state"] == "resolved")
        await harness.press(.character("u"))
        guard case .dialog(let dialog) = harness.model.overlay else {
            Issue.record("no dialog: \(harness.text)")
            return
        }
        #expect(dialog.title == "Reopen flag \(flag.id ?? 0)")
        harness.wait()
        await harness.type("a slice is still missing")
        await harness.press(.enter)
        #expect(harness.model.flash?.text == "Reopened flag \(flag.id ?? 0).")
        #expect(try lake.listFlags(FlagFilter(code: "needs-review")).first?.state == .open)
        #expect(try lake.auditEvents(AuditFilter(action: "flag.reopen")).count == 1)
    }

    @Test("Add a flag with a chosen severity; Esc on a dialog says it cancelled")
    func addWithSeverityAndCancel() async throws {
        let lake = try SampleFixture.make("flags-severity")
        let harness = try Harness(lake: lake, screen: .flags)
        try await harness.start()
        await harness.press(.character("/"))
        await harness.type(" code:needs-review")
        await harness.press(.enter, .character("a"))
        guard case .dialog(let dialog) = harness.model.overlay else {
            Issue.record("no dialog: \(harness.text)")
            return
        }
        #expect(dialog.choices.first == "artifact")
        #expect(dialog.chosenOption == "warning", "artifact's own severity")
        #expect(harness.text.contains("severity: < warning >"), "\(harness.text)")
        harness.wait()
        await harness.press(.tab, .right, .character("b"), .character("a"), .character("d"))
        await harness.press(.enter)
        let added = try #require(try lake.listFlags(FlagFilter(code: "artifact")).last)
        #expect(added.severity == .blocking)
        #expect(added.note == "bad")

        await harness.press(.character("r"))
        harness.wait()
        await harness.press(.escape)
        if case .dialog = harness.model.overlay { Issue.record("the dialog stayed open") }
        #expect(harness.model.flash?.text.hasPrefix("Cancelled: Resolve flag") == true, "\(harness.model.flash?.text ?? "")")
    }

    @Test("Esc on the / line keeps the default state:open")
    func escapeKeepsOpen() async throws {
        let harness = try Harness(lake: try SampleFixture.make("flags-escape"), screen: .flags)
        try await harness.start()
        await harness.press(.character("/"))
        await harness.type("slice")
        await harness.press(.escape)
        #expect(harness.model.screens.flags.query.text == "state:open")
        #expect(harness.text.contains("state:open"))
    }
}
