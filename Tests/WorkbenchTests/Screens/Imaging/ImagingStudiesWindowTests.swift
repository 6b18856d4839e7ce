import Catalog
@testable import LakeEngine
import Testing
import TUI
@testable import Workbench

/// A lake with more studies than one answer: the study list (every readable dataset's studies, grouped by
/// dataset) holds a window of pages around its cursor, and sorts and filters through the engine.
@Suite("Imaging study list over many studies", .serialized)
@MainActor
struct ImagingStudiesWindowTests {
    /// A harness on a 2,500-study lake (two datasets), and the engine's listing of its studies.
    private func studyList(_ name: String) async throws -> (Harness, lake: Lake) {
        let lake = try LongStudyFixture.manyStudies(name, studies: 2_500)
        let harness = try Harness(lake: lake, screen: .imaging)
        try await harness.start()
        return (harness, lake)
    }

    /// The engine's study at `offset` of the listing across datasets in `sort`.
    private func study(_ lake: Lake, at offset: Int, sort: StudySort = .date, descending: Bool = false) throws
        -> StudyOverview?
    {
        try lake.studies(StudyQuery(dataset: nil, sort: sort, descending: descending,
                                    page: PageRequest(offset: offset, limit: 1))).items.first
    }

    private func selected(_ harness: Harness) -> ListRow? {
        let imaging = harness.model.screens.imaging
        return imaging.studies.selected(filter: imaging.filter)
    }

    @Test("The list counts all 2,500 studies, holds a few pages, and keeps them grouped by dataset")
    func holdsAWindow() async throws {
        let (harness, lake) = try await studyList("studies-holds")
        let studies = harness.model.screens.imaging.studies
        #expect(studies.total == 2_500)
        let window = try #require(studies.window)
        #expect(window.heldRows.count <= RowWindow.capacity * RowWindow.pageSize)
        #expect(window.row(at: 0)?.dataset == "big")
        #expect(selected(harness)?.id == (try study(lake, at: 0))?.studyInstanceUID)
        #expect(harness.text.contains("big"))
    }

    @Test("End jumps to the last study, of the second dataset, and draws it once its page is back")
    func endShowsLastRow() async throws {
        let (harness, lake) = try await studyList("studies-end")
        let last = try #require(try study(lake, at: 2_499))
        await harness.press(.end)
        #expect(selected(harness)?.id == last.studyInstanceUID)
        #expect(selected(harness)?.dataset == "ds002")
        #expect(harness.text.contains(last.patientPseudonym ?? last.studyInstanceUID))
    }

    @Test("PgDn scrolls through every page to the last study")
    func scrollsToLastRow() async throws {
        let (harness, lake) = try await studyList("studies-scroll")
        let last = try #require(try study(lake, at: 2_499))
        let reached = await harness.press(.pageDown, until: { selected(harness)?.id == last.studyInstanceUID }, limit: 400)
        #expect(reached)
    }

    @Test("o and O sort the windowed list through the engine")
    func sortsThroughTheEngine() async throws {
        let (harness, lake) = try await studyList("studies-sort")
        let byPatient = await harness.press(.character("o"), until: {
            harness.model.screens.imaging.studies.table.sort?.column == 0
        }, limit: 6)
        #expect(byPatient)
        #expect(selected(harness)?.id == (try study(lake, at: 0, sort: .patient))?.studyInstanceUID)
        await harness.press(.character("O"))
        let descending = try #require(try study(lake, at: 0, sort: .patient, descending: true))
        #expect(descending.studyInstanceUID != (try study(lake, at: 0, sort: .patient))?.studyInstanceUID)
        #expect(selected(harness)?.id == descending.studyInstanceUID)
        #expect(harness.model.screens.imaging.studies.total == 2_500)
    }

    @Test("/ narrows the windowed list through the engine to a study on a late page, and Enter opens it")
    func filtersThroughTheEngine() async throws {
        let (harness, lake) = try await studyList("studies-filter")
        let late = try #require(try study(lake, at: 2_400))
        let patient = try #require(late.patientPseudonym)
        await harness.press(.character("/"))
        await harness.type(patient)
        await harness.press(.enter)
        #expect(harness.model.screens.imaging.studies.total == 1)
        #expect(selected(harness)?.id == late.studyInstanceUID)
        await harness.press(.enter)
        let imaging = harness.model.screens.imaging
        #expect(imaging.level == .series)
        #expect(imaging.study?.id == late.studyInstanceUID)
        #expect(imaging.series.total == late.seriesCount)
    }

    @Test("A mark survives scrolling its page out of the window and back")
    func marksSurviveScrolling() async throws {
        let (harness, _) = try await studyList("studies-marks")
        let first = try #require(selected(harness)?.id)
        await harness.press(.character(" "))
        await harness.press(.end)
        await harness.press(.home)
        let imaging = harness.model.screens.imaging
        #expect(imaging.marks[.studies] == [first])
        #expect(imaging.marked == [first])
        #expect(harness.text.contains("✓ "))
    }
}
