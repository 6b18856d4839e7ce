import Catalog
@testable import LakeEngine
import Testing
import TUI
@testable import Workbench

/// The workbench through the lake service on a study of 2,500 series (a windowed series list), with the
/// requests it sends counted on the socket: opening asks for nothing that counts the whole lake, a key
/// within the window asks for nothing, and a page asks for that page alone.
@Suite("Workbench through the service: requests per key", .serialized)
@MainActor
struct ServedSeriesWindowTests {
    /// The served lake, and the workbench on it drilled into the long study's series list.
    private func seriesList(_ name: String, flagging index: Int? = nil) async throws -> (Harness, ServedLakeFixture) {
        let lake = try LongStudyFixture.make(name)
        if let index {
            try lake.addFlag(target: LongStudyFixture.seriesUID(index + 1), code: "needs-review", severity: .warning,
                             note: "late")
        }
        let served = try await ServedLakeFixture(lake)
        let harness = try Harness(api: served.client, engine: nil, session: try await served.session(), screen: .imaging)
        try await harness.start()
        await harness.press(.enter)
        #expect(harness.model.screens.imaging.series.total == 2_500)
        return (harness, served)
    }

    @Test("Opening the workbench asks for the caller, flag codes and zones, never for tier occupancy")
    func sessionCountsNothing() async throws {
        let served = try await ServedLakeFixture(try LongStudyFixture.make("served-session"))
        let session = try await served.session()
        #expect(session.caller.roles.contains(.curator))
        let paths = served.proxy.paths()
        #expect(paths.contains("/v1/caller"))
        #expect(!paths.contains("/v1/tier-occupancy"))
    }

    @Test("Moving the cursor within the pages held asks the service for nothing")
    func keysWithinTheWindowSendNothing() async throws {
        let (harness, served) = try await seriesList("served-window-keys")
        let before = served.proxy.requests.count
        for _ in 0..<20 { await harness.press(.down) }
        await harness.press(.up, .up, .home)
        #expect(harness.model.screens.imaging.series.table.selection.selected == 0)
        #expect(served.proxy.paths(since: before) == [])
    }

    @Test(
        "A sort key asks for series pages in the new order alone, bringing the count: the open flags are not read again, the rows not counted again")
    func sortAsksForPagesOnly() async throws {
        let (harness, served) = try await seriesList("served-window-sort")
        let before = served.proxy.requests.count
        await harness.press(.character("o"))
        #expect(harness.model.screens.imaging.series.table.sort?.column == 0)
        let paths = served.proxy.paths(since: before)
        #expect(!paths.isEmpty)
        #expect(paths.allSatisfy { $0 == "/v1/series" })
        #expect(paths.count <= 2)
        #expect(served.proxy.requests.dropFirst(before).allSatisfy { $0.contains("total=2500") })
        #expect(harness.model.screens.imaging.series.total == 2_500)
    }

    @Test("A / keystroke asks for the filtered pages alone")
    func filterAsksForPagesOnly() async throws {
        let (harness, served) = try await seriesList("served-window-filter")
        await harness.press(.character("/"))
        let before = served.proxy.requests.count
        await harness.type("Series 24")
        #expect(harness.model.screens.imaging.series.total == 111)
        let paths = served.proxy.paths(since: before)
        #expect(paths.allSatisfy { $0 == "/v1/series" })
        #expect(paths.count <= 2 * "Series 24".count)
    }

    @Test("A page fetched later still shows its series' open flags (read with the first page)")
    func latePageShowsFlags() async throws {
        let (harness, served) = try await seriesList("served-window-flags", flagging: 2_499)
        let before = served.proxy.requests.count
        await harness.press(.end)
        let row = try #require(harness.model.screens.imaging.series.selected(filter: ""))
        #expect(row.id == LongStudyFixture.seriesUID(2_500))
        #expect(row.cells.last?.isEmpty == false)
        #expect(served.proxy.paths(since: before).allSatisfy { $0 == "/v1/series" })
    }
}
