import Foundation
import LakeEngine
import Testing

@testable import Workbench

/// The dataset pane answers "can I use it, and how long is it kept": holds, successor, score, keep period.
@MainActor
@Suite struct DatasetStandingPaneTests {
    @Test func paneShowsHoldSuccessorScoreAndKeepPeriod() async throws {
        let lake = try SampleFixture.make("dataset-standing")
        try lake.publishVersion(dataset: "variants")
        try lake.addHold("scans", reason: "litigation 17")
        try lake.deprecateDataset("scans", successor: "variants@2", reason: "re-exported")
        let harness = try Harness(lake: lake, screen: .datasets)
        try await harness.start()
        await harness.press(.character("j"))
        #expect(harness.model.screens.datasets.selected?.name == "scans")
        let text = harness.text
        #expect(text.contains("legal hold     #1 scans: litigation 17"))
        #expect(text.contains("superseded     by variants@2: re-exported"))
        #expect(text.contains("status         deprecated"))
        #expect(text.contains("kept           indefinitely (no retention policy)"))
        let score = try lake.qualityScore("scans")
        #expect(text.contains("quality score  \(score)"))
    }
}
