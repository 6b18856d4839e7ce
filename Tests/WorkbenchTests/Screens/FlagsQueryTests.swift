@testable import LakeEngine
import Testing
import TUI
@testable import Workbench

@Suite("Flags query", .serialized)
@MainActor
struct FlagsQueryTests {
    @Test("Terms go to the engine on Enter; free text narrows the rows; the title shows the terms")
    func terms() async throws {
        let harness = try Harness(lake: try SampleFixture.make("flags-terms"), screen: .flags)
        try await harness.start()
        #expect(harness.text.contains("state:open"))
        await harness.press(.character("/"))
        for _ in 0..."state:open".count { await harness.press(.backspace) }
        await harness.type("severity:warning code:needs-review")
        await harness.press(.enter)
        let flags = Array(harness.model.screens.flags.flags.values)
        #expect(flags.count == 1)
        #expect(flags.allSatisfy { $0.severity == .warning && $0.code == "needs-review" })
        #expect(harness.text.contains("severity:warning state:any code:needs-review"))
        await harness.press(.character("/"))
        await harness.type("slice")
        await harness.press(.enter)
        #expect(harness.model.filter == "slice")
        #expect(harness.model.screens.flags.list.visible(filter: harness.model.filter).count == 1)
    }

    @Test("A value the engine does not know shows what is allowed, in the list and the flash line")
    func unknownValue() async throws {
        let harness = try Harness(lake: try SampleFixture.make("flags-unknown"), screen: .flags)
        try await harness.start()
        await harness.press(.character("/"))
        await harness.type("severity:urgent")
        await harness.press(.enter)
        #expect(harness.text.contains("unknown severity 'urgent'"))
        #expect(harness.model.flash?.text.contains("blocking") == true)
    }

    @Test("Add from the vocabulary, then waive it: both through dialogs, both audited")
    func addAndWaive() async throws {
        let lake = try SampleFixture.make("flags-add")
        let harness = try Harness(lake: lake, screen: .flags)
        try await harness.start()
        await harness.press(.character("/"))
        await harness.type("code:needs-review")
        await harness.press(.enter, .character("a"))
        guard case .dialog(let dialog) = harness.model.overlay else {
            Issue.record("no dialog: \(harness.text)")
            return
        }
        #expect(dialog.choices == FlagCodeChoices(session: WorkbenchSession(lake: lake), kind: .series).codes)
        #expect(!dialog.choices.contains("no-read-groups"))
        harness.wait()
        await harness.press(.down)
        await harness.type("second look")
        await harness.press(.enter)
        #expect(try lake.auditEvents(AuditFilter(action: "flag.add")).count == 3)
        await harness.press(.character("w"))
        harness.wait()
        await harness.type("acceptable")
        await harness.press(.enter)
        #expect(try lake.auditEvents(AuditFilter(action: "flag.waive")).count == 1)
    }
}
