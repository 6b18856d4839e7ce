import Catalog
@testable import LakeEngine
import Testing
import TUI
@testable import Workbench

/// More open flags than one answer: the Flags screen holds a window of pages around its cursor, with
/// the free text and the sort going to the engine; and the imaging lists show every series' open flags,
/// however many other flags are open.
@Suite("Flags over more than one page", .serialized)
@MainActor
struct FlagsWindowTests {
    /// A 1,200-series study whose first 1,100 series carry an open warning each.
    private func flaggedLake(_ name: String) throws -> Lake {
        let lake = try LongStudyFixture.make(name, series: 1_200)
        try LongStudyFixture.flagSeries(lake, 1...1_100)
        return lake
    }

    /// The engine's open flag at `offset` in id order (descending: newest first).
    private func openFlag(_ lake: Lake, at offset: Int, descending: Bool = false) throws -> FlagSummary? {
        try lake.flags(FlagQuery(state: .open, descending: descending, page: PageRequest(offset: offset, limit: 1)))
            .items.first
    }

    private func selectedID(_ harness: Harness) -> String? {
        let flags = harness.model.screens.flags
        return flags.list.selected(filter: flags.filter)?.id
    }

    @Test("The Flags screen counts all 1,100 open flags and End reaches the last one")
    func endReachesLastFlag() async throws {
        let lake = try flaggedLake("flags-window-end")
        let harness = try Harness(lake: lake, screen: .flags)
        try await harness.start()
        let list = harness.model.screens.flags.list
        #expect(list.total == 1_100)
        #expect(list.window != nil)
        let last = try #require(try openFlag(lake, at: 1_099))
        await harness.press(.end)
        #expect(selectedID(harness) == String(last.id))
        #expect(harness.text.contains(last.note))
        #expect(harness.model.screens.flags.flags[String(last.id)]?.target == last.target)
    }

    @Test("O sorts the windowed flags through the engine; free text narrows them there")
    func sortsAndFiltersThroughTheEngine() async throws {
        let lake = try flaggedLake("flags-window-sort")
        let harness = try Harness(lake: lake, screen: .flags)
        try await harness.start()
        let byID = await harness.press(.character("o"), until: {
            harness.model.screens.flags.list.table.sort?.column == 0
        }, limit: 6)
        #expect(byID)
        await harness.press(.character("O"))
        #expect(selectedID(harness) == (try openFlag(lake, at: 0, descending: true)).map { String($0.id) })
        await harness.press(.character("/"))
        await harness.type(" " + LongStudyFixture.seriesUID(1_050))
        await harness.press(.enter)
        #expect(harness.model.screens.flags.list.total == 1)
        let found = try #require(harness.model.screens.flags.list.selected(filter: harness.model.filter))
        #expect(harness.model.screens.flags.flags[found.id]?.target == LongStudyFixture.seriesUID(1_050))
    }

    @Test("A marked flag stays marked, and known, after its page leaves the window")
    func marksSurvivePaging() async throws {
        let lake = try flaggedLake("flags-window-marks")
        let harness = try Harness(lake: lake, screen: .flags)
        try await harness.start()
        let first = try #require(selectedID(harness))
        await harness.press(.character(" "))
        await harness.press(.end)
        let screen = harness.model.screens.flags
        #expect(screen.marks == [first])
        #expect(screen.markedFlags.map { String($0.id) } == [first])
        await harness.press(.home)
        #expect(harness.text.contains("✓ "))
    }

    @Test("A series whose flags come after the first 1,000 open ones shows them, and its study counts them all")
    func seriesSummaryBeyondFirstPage() async throws {
        let lake = try flaggedLake("flags-window-series")
        try LongStudyFixture.flagSeries(lake, 1_150...1_150, severity: .blocking)
        let harness = try Harness(lake: lake, screen: .imaging)
        try await harness.start()
        let study = try #require(harness.model.screens.imaging.studies.row(at: 0, filter: ""))
        #expect(study.id == LongStudyFixture.studyUID)
        #expect(study.cells[4] == "blocking 1101")
        #expect(harness.text.contains("blocking 1101"))
        await harness.press(.enter)
        await harness.press(.end)
        let window = try #require(harness.model.screens.imaging.series.window)
        #expect(window.row(at: 1_149)?.id == LongStudyFixture.seriesUID(1_150))
        #expect(window.row(at: 1_149)?.cells[5] == "blocking 1")
        #expect(window.row(at: 1_099)?.cells[5] == "warning 1")
        #expect(window.row(at: 1_199)?.cells[5] == "")
    }
}
