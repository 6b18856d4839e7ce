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
    private func seriesList(_ name: String) async throws -> (Harness, last: SeriesOverview) {
        let lake = try LongStudyFixture.make(name)
        let harness = try Harness(lake: lake, screen: .imaging)
        try await harness.start()
        await harness.press(.enter)
        let last = try #require(try lake.series(SeriesQuery(
            dataset: "big", study: LongStudyFixture.studyUID, page: PageRequest(offset: 2_499, limit: 1))).items.first)
        return (harness, last)
    }

    private func selectedID(_ harness: Harness) -> String? {
        let imaging = harness.model.screens.imaging
        return imaging.series.selected(filter: imaging.filter)?.id
    }

    @Test("The list counts all 2,500 series and holds only a few pages of them")
    func holdsAWindow() async throws {
        let (harness, _) = try await seriesList("window-holds")
        let series = harness.model.screens.imaging.series
        #expect(series.total == 2_500)
        let window = try #require(series.window)
        #expect(window.heldRows.count <= RowWindow.capacity * RowWindow.pageSize)
        #expect(window.heldRows.count < 2_500)
    }

    @Test("PgDn scrolls through every page to the last series")
    func scrollsToLastRow() async throws {
        let (harness, last) = try await seriesList("window-scroll")
        let reached = await harness.press(.pageDown, until: { selectedID(harness) == last.seriesInstanceUID }, limit: 400)
        #expect(reached)
        #expect(harness.text.contains(last.description ?? last.seriesInstanceUID))
    }

    @Test("End jumps to the last series and draws it once its page is back")
    func endShowsLastRow() async throws {
        let (harness, last) = try await seriesList("window-end")
        await harness.press(.end)
        #expect(selectedID(harness) == last.seriesInstanceUID)
        #expect(harness.text.contains(last.description ?? last.seriesInstanceUID))
    }

    @Test("o on a windowed list keeps listing order and says so")
    func sortSaysListingOrder() async throws {
        let (harness, _) = try await seriesList("window-sort")
        let first = selectedID(harness)
        await harness.press(.character("o"))
        #expect(harness.model.screens.imaging.series.table.sort == nil)
        #expect(selectedID(harness) == first)
        #expect(harness.text.contains("stays in listing order"))
    }

    @Test("A mark survives scrolling its page out of the window and back")
    func marksSurviveScrolling() async throws {
        let (harness, _) = try await seriesList("window-marks")
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
