@testable import LakeEngine
import Testing
import TUI
@testable import Workbench
import TestSupport

@Suite("Imaging continuity and the QC loop", .serialized)
@MainActor
struct ImagingContinuityTests {
    @Test("Esc from series back to studies keeps the filter and lands on the study drilled into")
    func escKeepsFilterAndCursor() async throws {
        let harness = try Harness(lake: try SampleFixture.make("esc-keeps"), screen: .imaging)
        try await harness.start()
        await harness.press(.character("/"))
        await harness.type("Synthetic")
        await harness.press(.enter, .character("j"))
        let imaging = harness.model.screens.imaging
        let chosen = try #require(imaging.studies.selected(filter: imaging.filter))
        #expect(chosen.id != imaging.studies.visible(filter: "").first?.id)
        await harness.press(.enter)
        #expect(harness.model.screens.imaging.level == .series)
        #expect(harness.model.filter.isEmpty)
        await harness.press(.enter, .escape, .escape)
        let back = harness.model.screens.imaging
        #expect(back.level == .studies)
        #expect(back.query.text == "Synthetic")
        #expect(back.studies.selected(filter: back.filter)?.id == chosen.id)
        #expect(harness.text.contains("/Synthetic"))
    }

    @Test("Another screen and back: the imaging level, filter and cursor are as they were")
    func screenSwitchKeepsPlace() async throws {
        let harness = try Harness(lake: try SampleFixture.make("switch-keeps"), screen: .imaging)
        try await harness.start()
        await harness.press(.character("j"), .enter)
        let study = harness.model.screens.imaging.study?.id
        await harness.press(.character(":"))
        await harness.type("flags")
        await harness.press(.enter, .character(":"))
        await harness.type("imaging")
        await harness.press(.enter)
        #expect(harness.model.screen == .imaging)
        #expect(harness.model.screens.imaging.level == .series)
        #expect(harness.model.screens.imaging.study?.id == study)
    }

    @Test("The studies and series lists show the worst open flag and how many")
    func flagColumn() async throws {
        let lake = try SampleFixture.make("flag-column")
        let harness = try Harness(lake: lake, screen: .imaging)
        try await harness.start()
        let open = try lake.listFlags(FlagFilter(state: .open))
        let blocked = try #require(open.first { $0.severity == .blocking && $0.targetKind == .series })
        let series = try lake.series(dataset: "scans").first { $0.series.seriesInstanceUID == blocked.target }
        let studyUID = try #require(series?.studyInstanceUID)
        let row = try #require(harness.model.screens.imaging.studies.rows.value?.first { $0.id == studyUID })
        let count = open.filter { $0.target == blocked.target || $0.target == studyUID }.count
        #expect(row.cells[4] == "blocking \(count)")
        #expect(harness.text.contains("FLAGS"))
    }

    @Test(") in the instance view opens the next study's first series; ( goes back")
    func nextStudy() async throws {
        let harness = try Harness(lake: try SampleFixture.make("next-study"), screen: .imaging)
        try await harness.start()
        let studies = try #require(harness.model.screens.imaging.studies.rows.value)
        await harness.press(.enter, .enter)
        #expect(harness.model.screens.imaging.study?.id == studies[0].id)
        await harness.press(.character(")"))
        let imaging = harness.model.screens.imaging
        #expect(imaging.level == .instances)
        #expect(imaging.study?.id == studies[1].id)
        #expect(imaging.series.rows.value?.contains { $0.id == imaging.seriesRow?.id } == true)
        #expect(imaging.instances.rows.value?.isEmpty == false)
        await harness.press(.character("("))
        #expect(harness.model.screens.imaging.study?.id == studies[0].id)
        await harness.press(.escape)
        #expect(harness.model.screens.imaging.level == .series)
    }

    @Test("x records the series as reviewed (audited qc.review) and says so")
    func reviewedNext() async throws {
        let lake = try SampleFixture.make("reviewed")
        let harness = try Harness(lake: lake, screen: .imaging)
        try await harness.start()
        await harness.press(.enter, .enter)
        let series = try #require(harness.model.screens.imaging.seriesRow?.id)
        await harness.press(.character("x"))
        let events = try lake.auditEvents(AuditFilter(action: "qc.review"))
        #expect(events.map(\.target) == [series])
        #expect(harness.text.contains("Reviewed series"))
    }

    @Test("Space marks studies; a flags every marked one, each audited")
    func bulkAdd() async throws {
        let lake = try SampleFixture.make("bulk-add")
        let harness = try Harness(lake: lake, screen: .imaging)
        try await harness.start()
        await harness.press(.character(" "), .character(" "))
        #expect(harness.model.screens.imaging.marked.count == 2)
        #expect(harness.text.contains("2 marked"))
        let marked = harness.model.screens.imaging.marked
        await harness.press(.character("a"))
        guard case .dialog(let dialog) = harness.model.overlay else {
            Issue.record("no dialog: \(harness.text)")
            return
        }
        #expect(dialog.title == "Add flag to 2 marked")
        harness.wait()
        await harness.type("artifact on both")
        await harness.press(.enter)
        let added = try lake.listFlags(FlagFilter(state: .open)).filter { $0.note == "artifact on both" }
        #expect(Set(added.map(\.target)) == Set(marked))
        #expect(try lake.auditEvents(AuditFilter(action: "flag.add")).filter { marked.contains($0.target) }.count >= 2)
    }
}
