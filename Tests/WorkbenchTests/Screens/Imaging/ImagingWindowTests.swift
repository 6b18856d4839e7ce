import Catalog
@testable import LakeEngine
import Testing
import TUI
@testable import Workbench

/// A study with more series than one page: the series list holds a window of pages around its cursor,
/// sized by the listing's total, and fetches the pages the cursor reaches.
@Suite("Imaging series list over a long study", .serialized)
@MainActor
struct ImagingWindowTests {
    /// A harness on a 2,500-series study, drilled into its series list, and the listing's last row.
    private func seriesList(_ name: String) async throws -> (Harness, last: SeriesOverview, lake: Lake) {
        let lake = try LongStudyFixture.make(name)
        let harness = try Harness(lake: lake, screen: .imaging)
        try await harness.start()
        await harness.press(.enter)
        let last = try #require(try lake.series(SeriesQuery(
            dataset: "big", study: LongStudyFixture.studyUID, page: PageRequest(offset: 2_499, limit: 1))).items.first)
        return (harness, last, lake)
    }

    private func selectedID(_ harness: Harness) -> String? {
        let imaging = harness.model.screens.imaging
        return imaging.series.selected(filter: imaging.filter)?.id
    }

    @Test("The list counts all 2,500 series and holds only a few pages of them")
    func holdsAWindow() async throws {
        let (harness, _, _) = try await seriesList("window-holds")
        let series = harness.model.screens.imaging.series
        #expect(series.total == 2_500)
        let window = try #require(series.window)
        #expect(window.heldRows.count <= RowWindow.capacity * RowWindow.pageSize)
        #expect(window.heldRows.count < 2_500)
    }

    @Test("PgDn scrolls through every page to the last series")
    func scrollsToLastRow() async throws {
        let (harness, last, _) = try await seriesList("window-scroll")
        let reached = await harness.press(.pageDown, until: { selectedID(harness) == last.seriesInstanceUID }, limit: 400)
        #expect(reached)
        #expect(harness.text.contains(last.description ?? last.seriesInstanceUID))
    }

    @Test("End jumps to the last series and draws it once its page is back")
    func endShowsLastRow() async throws {
        let (harness, last, _) = try await seriesList("window-end")
        await harness.press(.end)
        #expect(selectedID(harness) == last.seriesInstanceUID)
        #expect(harness.text.contains(last.description ?? last.seriesInstanceUID))
    }

    @Test("o and O sort the windowed list through the engine: descending puts the listing's last row first")
    func sortsThroughTheEngine() async throws {
        let (harness, _, lake) = try await seriesList("window-sort")
        func first(_ sort: SeriesSort, descending: Bool) throws -> String? {
            try lake.series(SeriesQuery(
                dataset: "big", study: LongStudyFixture.studyUID, sort: sort, descending: descending,
                page: PageRequest(limit: 1))).items.first?.seriesInstanceUID
        }
        let byDescription = await harness.press(.character("o"), until: {
            harness.model.screens.imaging.series.table.sort?.column == 3
        }, limit: 6)
        #expect(byDescription)
        #expect(selectedID(harness) == (try first(.description, descending: false)))
        await harness.press(.character("O"))
        let descending = try #require(try first(.description, descending: true))
        #expect(descending != (try first(.description, descending: false)))
        #expect(selectedID(harness) == descending)
        #expect(harness.model.screens.imaging.series.total == 2_500)
        // FLAGS is no sort the engine has: o steps over it, to no sort after the UID column.
        await harness.press(.character("o"), .character("o"))
        #expect(harness.model.screens.imaging.series.table.sort == nil)
        #expect(selectedID(harness) == (try first(.ingested, descending: false)))
    }

    @Test("/ narrows the windowed list through the engine to a series on a late page")
    func filtersThroughTheEngine() async throws {
        let (harness, last, _) = try await seriesList("window-filter")
        await harness.press(.character("/"))
        await harness.type(last.seriesInstanceUID)
        await harness.press(.enter)
        let series = harness.model.screens.imaging.series
        #expect(series.total == 1)
        #expect(selectedID(harness) == last.seriesInstanceUID)
        #expect(harness.text.contains(last.description ?? last.seriesInstanceUID))
    }

    @Test("A mark survives scrolling its page out of the window and back")
    func marksSurviveScrolling() async throws {
        let (harness, _, _) = try await seriesList("window-marks")
        let first = try #require(selectedID(harness))
        await harness.press(.character(" "))
        await harness.press(.end)
        await harness.press(.pageUp, .pageUp, .pageUp)
        await harness.press(.home)
        let imaging = harness.model.screens.imaging
        #expect(imaging.marks[.series] == [first])
        #expect(imaging.series.selected(filter: "")?.id == first)
        #expect(harness.text.contains("✓ "))
        #expect(imaging.marked == [first])
    }

    @Test("Enter on a flag of a series on a late page opens it, and Esc lands on its row in the series list")
    func flagOpensLateSeries() async throws {
        let lake = try LongStudyFixture.make("window-flag")
        let late = try #require(try lake.series(SeriesQuery(
            dataset: "big", study: LongStudyFixture.studyUID, page: PageRequest(offset: 2_400, limit: 1))).items.first)
        try lake.addFlag(target: late.seriesInstanceUID, code: "needs-review", severity: .warning, note: "late")
        let harness = try Harness(lake: lake, screen: .flags)
        try await harness.start()
        await harness.press(.enter)
        #expect(harness.model.screen == .imaging)
        #expect(harness.model.screens.imaging.seriesRow?.id == late.seriesInstanceUID)
        await harness.press(.escape)
        let imaging = harness.model.screens.imaging
        #expect(imaging.level == .series)
        #expect(imaging.series.table.selection.selected == 2_400)
        #expect(imaging.series.selected(filter: "")?.id == late.seriesInstanceUID)
        #expect(harness.text.contains(late.description ?? late.seriesInstanceUID))
    }
}
