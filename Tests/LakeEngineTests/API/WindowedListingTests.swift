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

    @Test func studiesAcrossDatasetsLeaveOutTheOnesTheCallerMayNotRead() throws {
        let fixture = try GovernanceLake()
        let alice = try fixture.open("alice")
        func studyFlags(_ dataset: String) throws -> Int {
            try alice.studies(StudyQuery(dataset: dataset)).items.first?.openFlags?.count ?? 0
        }
        let ctBefore = try studyFlags("ct")
        let series = try #require(try alice.series(SeriesQuery(dataset: "ct", page: PageRequest(limit: 1))).items.first)
        let uid = series.seriesInstanceUID
        _ = try alice.addFlag(target: uid, code: "needs-review", severity: .blocking, note: "check")
        // The same study in a second dataset any reader may read (with the flags its ingest raises).
        _ = try alice.ingest([fixture.input], dataset: "open")
        _ = try alice.labelDataset("open", sensitivity: "internal", consentScope: nil)

        let all = try alice.studies(StudyQuery(dataset: nil))
        #expect(all.total == 2 && all.items.map(\.dataset) == ["ct", "open"])
        let study = try #require(all.items.first)
        #expect(study.openFlags == OpenFlagTally(worst: .blocking, count: ctBefore + 1))
        let seriesFlags = try alice.flags(FlagQuery(state: .open, target: uid, dataset: "ct")).items
            .filter { $0.targetKind == .series }.count
        #expect(try alice.series(SeriesQuery(dataset: "ct", containing: uid)).items
            .first { $0.seriesInstanceUID == uid }?.openFlags?.count == seriesFlags)
        // The second dataset's row counts its own flags only, not the blocking one of `ct` on the same UID.
        let openFlags = try alice.flags(FlagQuery(state: .open, dataset: "open")).items
            .filter { $0.targetKind == .study || $0.targetKind == .series }
        #expect(all.items.last?.openFlags?.count ?? 0 == openFlags.count)
        #expect(all.items.last?.openFlags?.worst != .blocking)

        let dave = try fixture.open("dave")
        let readable = try dave.studies(StudyQuery(dataset: nil, text: study.studyInstanceUID))
        #expect(readable.total == 1 && readable.items.map(\.dataset) == ["open"])
        #expect(throws: LakeError.self) { try dave.studies(StudyQuery(dataset: nil, containing: study.studyInstanceUID)) }
    }

    @Test func instancesArePagedSortedAndFilteredWithTheDatasetsRules() throws {
        let fixture = try GovernanceLake()
        let alice = try fixture.open("alice")
        let series = try #require(try alice.series(SeriesQuery(dataset: "ct", page: PageRequest(limit: 1))).items.first)
        let all = try alice.instances(InstanceQuery(dataset: "ct", series: series.seriesInstanceUID))
        #expect(all.total == series.instanceCount && all.total > 1)
        let last = try #require(all.items.last)
        let page = try alice.instances(InstanceQuery(
            dataset: "ct", series: series.seriesInstanceUID, descending: true, page: PageRequest(limit: 1)))
        #expect(page.items == [last] && page.total == all.total)
        let found = try alice.instances(InstanceQuery(
            dataset: "ct", series: series.seriesInstanceUID, sort: .uid, text: last.sopInstanceUID))
        #expect(found.items == [last])
        #expect(throws: GovernanceError.self) {
            try fixture.open("dave").instances(InstanceQuery(dataset: "ct", series: series.seriesInstanceUID))
        }
    }
}
