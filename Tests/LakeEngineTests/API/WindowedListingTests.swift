import Catalog
import Foundation
import Testing

@testable import LakeEngine

/// The API's listings cut in SQL keep the access rules: a caller without read rights on a restricted dataset
/// finds nothing of it in a page or in its total, and cannot page, filter or jump into it.
@Suite struct WindowedListingTests {
    @Test func aCallerWithoutReadRightsSeesNothingOfARestrictedDataset() throws {
        let fixture = try GovernanceLake()
        let alice = try fixture.open("alice")
        let dave = try fixture.open("dave")
        let series = try alice.series(SeriesQuery(dataset: "ct", page: PageRequest(limit: 1)))
        let uid = try #require(series.items.first?.seriesInstanceUID)
        _ = try alice.addFlag(target: uid, code: "needs-review", note: "check the slices")

        let flagged = try alice.flags(FlagQuery(text: "SLICES"))
        #expect(flagged.total == 1 && flagged.items.map(\.target) == [uid])
        #expect(try dave.flags(FlagQuery(text: "slices")).total == 0)
        #expect(try dave.flags(FlagQuery(sort: .severity, descending: true)).items.allSatisfy { $0.dataset != "ct" })
        for read in [
            { _ = try dave.series(SeriesQuery(dataset: "ct", text: "1")) },
            { _ = try dave.series(SeriesQuery(dataset: "ct", containing: uid)) },
            { _ = try dave.studies(StudyQuery(dataset: "ct", sort: .uid)) },
            { _ = try dave.samples(SampleQuery(dataset: "ct")) },
        ] as [() throws -> Void] {
            #expect(throws: GovernanceError.self) { try read() }
        }
    }

    @Test func containingAnswersThePageHoldingTheRow() throws {
        let fixture = try GovernanceLake()
        let alice = try fixture.open("alice")
        let all = try alice.series(SeriesQuery(dataset: "ct", sort: .uid, descending: true))
        let last = try #require(all.items.last)
        let page = try alice.series(
            SeriesQuery(dataset: "ct", sort: .uid, descending: true, containing: last.seriesInstanceUID,
                        page: PageRequest(limit: 1)))
        #expect(page.offset == all.total - 1 && page.items == [last] && page.total == all.total)
        #expect(throws: LakeError.notFound(kind: "series", id: "9.9.9")) {
            try alice.series(SeriesQuery(dataset: "ct", containing: "9.9.9"))
        }
    }
}
