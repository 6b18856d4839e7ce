import Foundation
import Testing
import TUI
@testable import Workbench

/// A start notice (what the sample lake could not include) shows in the flash line, then expires.
@Suite
@MainActor
struct WorkbenchNoticeTests {
    @Test("The notice shows on the first frame with data and is gone after its time")
    func noticeShowsThenExpires() async throws {
        let lake = try SampleFixture.make("notice")
        let harness = try Harness(lake: lake, notice: "Sample lake built as a regular user: no pending promotion")
        try await harness.start()
        #expect(harness.text.contains("Sample lake built as a regular user: no pending promotion"))
        harness.wait(.seconds(21))
        await harness.tick()
        #expect(!harness.text.contains("Sample lake built as a regular user"))
    }
}
