import Catalog
import Foundation
@testable import LakeEngine
import TUI
import Testing
@testable import Workbench

/// The Promotions screen tells the execution state and the final outcome: a blocking flag raised after
/// the request fails the approval's execution (shown, not "approved"), and once the flag is resolved `x`
/// executes. Checks and Diff take the focus with Tab and scroll.
@MainActor @Suite struct PromotionsExecutionTests {
    /// The sample lake with a pending CT-only curated request by alice, and the CT series.
    static func pendingRequest(_ name: String) throws -> (Lake, PromotionSummary, String) {
        let lake = try SampleFixture.make(name)
        for flag in try lake.listFlags(FlagFilter(state: .open, severity: .blocking)) {
            try lake.resolveFlag(id: flag.id ?? 0, note: "cleared for the test")
        }
        _ = try lake.labelDataset("scans", sensitivity: nil, consentScope: "research,ai-training")
        _ = try lake.publishVersion(dataset: "scans")
        _ = try lake.grant(.curator, to: "alice")
        let alice = try Lake.open(at: lake.root, as: Identity(user: "alice", uid: 4242))
        let request = try alice.requestPromotion("scans", to: "curated", select: "modality=CT", reason: "CT only")
        let series = try #require(try lake.series(dataset: "scans").first { $0.series.modality == "CT" })
        return (lake, request, series.series.seriesInstanceUID)
    }

    @Test("A blocking flag after the request: the approval's outcome says blocked; resolved, x executes")
    func blockedThenExecuted() async throws {
        let (lake, request, series) = try Self.pendingRequest("promotions-execute")
        #expect(request.state == .pending, "\(request.checks.filter { !$0.passed })")
        let flag = try lake.addFlag(target: series, code: "burned-in-annotation", note: "text in the pixels")
        let harness = try Harness(lake: try Lake.open(at: lake.root), screen: .promotions)
        try await harness.start()
        #expect(harness.text.contains("blocked: blocking-flags"), "\(harness.text)")
        #expect(harness.text.contains("FAIL blocking-flags"))

        await harness.press(.character("y"))
        guard case .dialog(let dialog) = harness.model.overlay else {
            Issue.record("no dialog: \(harness.text)")
            return
        }
        #expect(dialog.lines.contains { $0.contains("FAILING checks (run now): blocking-flags") })
        harness.wait()
        await harness.type("reviewed")
        await harness.press(.enter)
        let flash = try #require(harness.model.flash)
        #expect(flash.level == .warning)
        #expect(flash.text.contains("Approved promotion \(request.id): not executed: blocked by blocking-flags"), "\(flash.text)")
        #expect(!flash.text.hasSuffix("approved."))
        #expect(try lake.promotion(id: request.id).state == .approved)

        try lake.resolveFlag(id: flag.id ?? 0, note: "a ruler, not a name")
        await harness.press(.control("r"))
        #expect(harness.text.contains("failed (x retries)"), "\(harness.text)")
        await harness.press(.character("x"))
        let done = try #require(harness.model.flash)
        #expect(done.level == .success)
        #expect(done.text.contains("Promotion \(request.id): executed: scans@"), "\(done.text)")
        #expect(try lake.promotion(id: request.id).state == .executed)
        #expect(harness.text.contains("executed scans@"))
    }

    @Test("x on a request that is not approved says so and changes nothing")
    func executeNeedsApproval() async throws {
        let (lake, request, _) = try Self.pendingRequest("promotions-not-approved")
        let harness = try Harness(lake: try Lake.open(at: lake.root), screen: .promotions)
        try await harness.start()
        await harness.press(.character("x"))
        #expect(harness.model.flash?.text.contains("only an approved one executes") == true)
        #expect(try lake.promotion(id: request.id).state == .pending)
    }

    @Test("Tab moves the focus to Checks and Diff, which scroll; Esc returns to the list")
    func panesTakeTheFocus() async throws {
        let (lake, _, _) = try Self.pendingRequest("promotions-panes")
        let harness = try Harness(lake: try Lake.open(at: lake.root), screen: .promotions)
        try await harness.start()
        await harness.press(.tab)
        #expect(harness.model.screens.promotions.focus == .checks)
        await harness.press(.character("j"))
        #expect(harness.model.screens.promotions.checksScroll.selection.selected == 1)
        await harness.press(.tab, .character("j"), .character("j"))
        #expect(harness.model.screens.promotions.focus == .diff)
        #expect(harness.model.screens.promotions.diffScroll.selection.selected == 2)
        await harness.press(.escape)
        #expect(harness.model.screens.promotions.focus == .list)
    }

    @Test("The diff groups members by study and series with counts and file names")
    func diffIsGrouped() throws {
        let (lake, request, _) = try Self.pendingRequest("promotions-diff")
        let mr = try #require(try lake.series(dataset: "scans").first { $0.series.modality == "MR" }).series
        let lines = PromotionDiffLines.lines(try lake.promotionDiff(id: request.id))
        #expect(lines.first == "added 0  removed 4  changed 0", "\(lines)")
        let heading = try #require(lines.firstIndex { $0 == "-   series \(mr.seriesInstanceUID) MR (3)" }, "\(lines)")
        #expect(lines[heading - 1].hasPrefix("- study ") && lines[heading - 1].hasSuffix("(3)"), "\(lines)")
        let files = Array(lines[(heading + 1)...].prefix(3))
        #expect(files.allSatisfy { $0.hasPrefix("-     ") && $0.hasSuffix(".dcm") && !$0.contains("/") }, "\(files)")
        #expect(Set(files).count == 3)
    }
}
