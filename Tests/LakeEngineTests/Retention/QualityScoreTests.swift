import Catalog
import Foundation
import Testing

@testable import LakeEngine

@Suite struct QualityScoreTests {
    @Test func formulaWeighsSeverityAndState() {
        let formula = QualityScoreFormula()
        let warning = ManifestFlag(target: "s1", code: "artifact", severity: "warning", state: "open")
        #expect(formula.score(flags: [], members: 4, dataset: "ct") == 100)
        #expect(formula.score(flags: [warning], members: 4, dataset: "ct") == 93.8)
        var resolved = warning
        resolved.state = "resolved"
        #expect(formula.score(flags: [resolved], members: 4, dataset: "ct") == 99.4)
        let onDataset = ManifestFlag(target: "ct", code: "consent-issue", severity: "blocking", state: "open")
        #expect(formula.score(flags: [onDataset], members: 4, dataset: "ct") == 0)
        #expect(formula.score(flags: [], members: 0, dataset: "ct") == 100)
    }

    @Test func scoreFollowsFlagsAndGatesPromotions() throws {
        let fixture = try GovernanceLake()
        let start = try fixture.open("alice").qualityScore("ct@2")
        // One warning on one series of six members costs 100 × 0.25 ÷ 6 ≈ 4.2 points; resolving it gives
        // back all but a tenth of that.
        try fixture.appendSettings("""
            [quality_score]
            min_curated = \(start - 1)
            """)
        let alice = try fixture.open("alice")
        #expect(try alice.versions(dataset: "ct").last?.publishedScore == start)

        let series = try alice.series(dataset: "ct").first?.series.seriesInstanceUID ?? ""
        let flag = try alice.addFlag(target: series, code: "motion-artifact", severity: .warning, note: "blurred")
        let flagged = try alice.qualityScore("ct@2")
        #expect(flagged < start)
        #expect(abs(start - flagged - 4.2) <= 0.15)
        let blocked = try alice.requestPromotion("ct@2", to: "curated", select: nil, reason: "")
        #expect(blocked.state == .blocked)
        #expect(blocked.checks.first { $0.code == "quality-score" }?.passed == false)
        #expect(throws: GovernanceError.self) { try fixture.open("bob").approvePromotion(id: blocked.id, comment: "ok") }

        _ = try alice.resolveFlag(id: flag.id ?? 0, note: "re-acquired")
        let resolved = try alice.qualityScore("ct@2")
        #expect(resolved > flagged && resolved < start)
        let passing = try alice.requestPromotion("ct@2", to: "curated", select: nil, reason: "")
        #expect(passing.checks.first { $0.code == "quality-score" }?.passed == true, "\(passing.checks)")
        // The published manifest keeps the score it had, so a run bound to it records that quality.
        #expect(try alice.manifest("ct@2").quality?.score == start)
    }
}
