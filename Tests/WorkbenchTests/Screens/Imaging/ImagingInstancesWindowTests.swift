import Catalog
@testable import LakeEngine
import Testing
import TUI
@testable import Workbench

/// A series with more instances than one answer: the instance list holds a window of pages around its
/// cursor, and sorts and filters through the engine.
@Suite("Imaging instance list over a long series", .serialized)
@MainActor
struct ImagingInstancesWindowTests {
    /// Instance `number` of the first series (the fixture numbers them from 1).
    private static func instanceUID(_ number: Int) -> String { "1.2.826.0.1.3680043.10.3.\(number)" }

    /// A harness drilled into the first series of a study of two 2,500-instance series.
    private func instanceList(_ name: String) async throws -> Harness {
        let lake = try LongStudyFixture.longSeries(name, instances: 2_500)
        let harness = try Harness(lake: lake, screen: .imaging)
        try await harness.start()
        await harness.press(.enter)
        await harness.press(.enter)
        return harness
    }

    private func selectedID(_ harness: Harness) -> String? {
        let imaging = harness.model.screens.imaging
        return imaging.instances.selected(filter: imaging.filter)?.id
    }

    @Test("The list counts all 2,500 instances, holds a few pages, and End reaches the last")
    func endReachesLastInstance() async throws {
        let harness = try await instanceList("instances-end")
        let imaging = harness.model.screens.imaging
        #expect(imaging.level == .instances)
        #expect(imaging.seriesRow?.id == LongStudyFixture.seriesUID(1))
        #expect(imaging.instances.total == 2_500)
        let window = try #require(imaging.instances.window)
        #expect(window.heldRows.count <= RowWindow.capacity * RowWindow.pageSize)
        #expect(selectedID(harness) == Self.instanceUID(1))
        await harness.press(.end)
        #expect(selectedID(harness) == Self.instanceUID(2_500))
        #expect(harness.text.contains("2500"))
    }

    @Test("O sorts the instances through the engine; / narrows them there")
    func sortsAndFiltersThroughTheEngine() async throws {
        let harness = try await instanceList("instances-sort")
        let byNumber = await harness.press(.character("o"), until: {
            harness.model.screens.imaging.instances.table.sort?.column == 0
        }, limit: 6)
        #expect(byNumber)
        await harness.press(.character("O"))
        #expect(selectedID(harness) == Self.instanceUID(2_500))
        await harness.press(.character("/"))
        await harness.type("10.3.2499")
        await harness.press(.enter)
        #expect(harness.model.screens.imaging.instances.total == 1)
        #expect(selectedID(harness) == Self.instanceUID(2_499))
    }
}
