@testable import LakeEngine
import Testing
import TUI
@testable import Workbench
import TestSupport

@Suite("Datasets: filter, versions and manifest verify", .serialized)
@MainActor
struct DatasetVersionsTests {
    @Test("/ narrows the tree to the matching datasets and counts them")
    func filter() async throws {
        let harness = try Harness(lake: try SampleFixture.make("datasets-filter"), screen: .datasets)
        try await harness.start()
        await harness.press(.character("/"))
        await harness.type("variants")
        #expect(harness.text.contains("1 of 2"))
        await harness.press(.enter)
        let labels = harness.model.screens.datasets.tree.rows.map(\.node.label)
        #expect(labels.contains("variants"))
        #expect(!labels.contains("scans"))
        await harness.press(.character(":"))
        await harness.type("flags")
        await harness.press(.enter, .character(":"))
        await harness.type("datasets")
        await harness.press(.enter)
        #expect(harness.model.screens.datasets.query.text == "variants")
    }

    @Test("Enter lists a dataset's versions; Enter on a version shows its manifest and a verify result")
    func versionVerify() async throws {
        let lake = try SampleFixture.make("datasets-versions")
        let version = try lake.publishVersion(dataset: "variants")
        let harness = try Harness(lake: lake, screen: .datasets)
        try await harness.start()
        let found = await harness.press(.character("j")) {
            harness.model.screens.datasets.selected?.name == "variants"
        }
        #expect(found)
        await harness.press(.enter)
        let listed = try #require(harness.model.screens.datasets.versions["variants"]?.value)
        #expect(listed.contains { $0.reference == version.reference && $0.state == .published })
        let hash = try #require(version.manifestHash)
        #expect(harness.text.contains(String(hash.prefix(12))))
        let onVersion = await harness.press(.character("j")) {
            harness.model.screens.datasets.selectedVersion?.reference == version.reference
        }
        #expect(onVersion)
        await harness.press(.enter)
        let result = try #require(harness.model.screens.datasets.verification?.value)
        #expect(result.isIntact)
        #expect(result.entryCount == version.entryCount)
        #expect(harness.text.contains("OK: \(version.entryCount) of \(version.entryCount)"))
        #expect(harness.model.screens.datasets.manifest?.value?.dataset == "variants")
    }

    @Test("Overview's zone counts are the CLI's: datasets with contents or a published version in the zone")
    func overviewZoneCounts() async throws {
        let lake = try SampleFixture.make("overview-counts")
        _ = try lake.publishVersion(dataset: "variants")
        _ = try lake.grant(.curator, to: "alice")
        let alice = try Lake.open(at: lake.root, as: Identity(user: "alice", uid: 4242))
        let request = try alice.requestPromotion("variants", to: "curated", select: nil, reason: "curate")
        _ = try? lake.approvePromotion(id: request.id, comment: "ok")
        let harness = try Harness(lake: lake)
        try await harness.start()
        let data = try #require(harness.model.screens.overview.data.value)
        for row in OverviewScreen.kindRows(data, zones: lake.configuration.zones) where row[0] == "zone" {
            #expect(row[2] == "\(try lake.datasets(zone: row[1]).count) datasets", "zone \(row[1])")
        }
    }
}
