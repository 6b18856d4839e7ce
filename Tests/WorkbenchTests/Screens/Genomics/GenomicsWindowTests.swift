import Catalog
@testable import LakeEngine
import Testing
import TUI
@testable import Workbench

/// More samples than one page: the samples list holds a window of pages around its cursor.
@Suite("Genomics samples list over a long listing", .serialized)
@MainActor
struct GenomicsWindowTests {
    @Test("End jumps to the last of 2,500 samples, draws it and lists its files; a mark survives scrolling back")
    func endShowsLastSample() async throws {
        let lake = try LongStudyFixture.make("window-samples", series: 20, samples: 2_500)
        let last = try #require(try lake.samples(SampleQuery(page: PageRequest(offset: 2_499, limit: 1)))
            .items.first)
        let harness = try Harness(lake: lake, screen: .genomics)
        try await harness.start()
        let first = try #require(harness.model.screens.genomics.samples.selected(filter: "")?.id)
        #expect(harness.model.screens.genomics.samples.total == 2_500)
        #expect(harness.model.screens.genomics.samples.window != nil)
        await harness.press(.character(" "))
        await harness.press(.end)
        let genomics = harness.model.screens.genomics
        #expect(genomics.samples.selected(filter: "")?.id == last.name)
        #expect(genomics.filesOf?.id == last.name)
        #expect(harness.text.contains(last.name))
        await harness.press(.home)
        #expect(harness.model.screens.genomics.marks == [first])
        #expect(harness.text.contains("✓ " + first))
    }

    @Test("O sorts the long samples list by name descending through the engine; / narrows it to one sample")
    func sortsAndFiltersThroughTheEngine() async throws {
        let lake = try LongStudyFixture.make("window-samples-order", series: 20, samples: 2_500)
        let lastByName = try #require(try lake.samples(SampleQuery(sort: .name, descending: true, page: PageRequest(limit: 1)))
            .items.first)
        let harness = try Harness(lake: lake, screen: .genomics)
        try await harness.start()
        await harness.press(.character("O"))
        #expect(harness.model.screens.genomics.samples.table.sort == TableSort(column: 0, ascending: false))
        #expect(harness.model.screens.genomics.samples.selected(filter: "")?.id == lastByName.name)
        await harness.press(.character("/"))
        await harness.type(lastByName.name)
        await harness.press(.enter)
        #expect(harness.model.screens.genomics.samples.total == 1)
        #expect(harness.text.contains(lastByName.name))
    }
}
