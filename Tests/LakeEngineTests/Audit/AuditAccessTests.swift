import Foundation
import Testing

@testable import LakeEngine

/// Audit events about a restricted dataset show their target and details only to users who may read the
/// dataset; others see that the event happened.
@Suite struct AuditAccessTests {
    /// `ct` (restricted) with a flag whose note names a patient, a promotion request with a reason, and a
    /// grant to erin; plus an internal dataset `open` with a flag of its own.
    private func fixture() throws -> GovernanceLake {
        let fixture = try GovernanceLake()
        let alice = try fixture.open("alice")
        let study = try #require(try alice.series(dataset: "ct").first?.studyInstanceUID)
        _ = try alice.addFlag(target: study, code: "needs-review", note: "John Doe MRN123456")
        _ = try alice.requestPromotion("ct@2", to: "curated", select: nil, reason: "cohort of John Doe")
        _ = try alice.grantAccess(user: "erin", dataset: "ct", scope: .read, lifetime: 3600, reason: "audit John Doe")
        let input = try fixture.lake.inputFolder()
        try Data("open bytes".utf8).write(to: URL(fileURLWithPath: input + "/f.bin"))
        _ = try alice.ingest([input], dataset: "open", options: IngestOptions(keepUnknown: true))
        _ = try alice.labelDataset("open", sensitivity: "internal", consentScope: nil)
        _ = try alice.addFlag(target: "open", code: "needs-review", note: "public note")
        return fixture
    }

    @Test func aUserWithoutAccessSeesEventsWithoutTheirDetails() throws {
        let fixture = try fixture()
        let full = try fixture.open("alice").auditEvents()
        let seen = try fixture.open("dave").auditEvents()
        #expect(seen.map(\.seq) == full.map(\.seq))
        #expect(seen.map(\.action) == full.map(\.action))
        #expect(seen.map(\.actor) == full.map(\.actor))
        let text = seen.map { "\($0.target) \($0.details)" }.joined(separator: "\n")
        for secret in ["John Doe", "MRN123456", "ct@2", "\"ct\""] {
            #expect(!text.contains(secret), "dave saw \(secret)")
        }
        let withheld = seen.filter { $0.details == Lake.withheldAuditDetails }
        let actions = Set(withheld.map(\.action))
        #expect(actions.isSuperset(of: [
            "dataset.create", "ingest", "dataset.label", "version.publish", "flag.add", "promotion.request",
            "grant.create",
        ]))
        #expect(withheld.allSatisfy { $0.target == Lake.withheldAuditTarget && $0.hash.isEmpty && $0.prevHash.isEmpty })
        // Events about readable datasets and the lake itself keep their details.
        #expect(seen.contains { $0.action == "flag.add" && $0.details.contains("public note") })
        #expect(seen.contains { $0.action == "lake.init" && !$0.hash.isEmpty })
        // The newest-first tail (the workbench's audit screen) applies the same rule.
        let tail = try fixture.open("dave").auditTail(AuditFilter(), count: 100)
        #expect(tail.map(\.seq) == seen.map(\.seq).reversed())
        #expect(!tail.map(\.details).joined().contains("John Doe"))
        // Verification still walks every event in full.
        let verification = try fixture.open("dave").verifyAudit()
        #expect(verification.isIntact)
        #expect(verification.eventCount == full.count)
    }

    @Test func aReadingRoleOrAGrantShowsTheDetails() throws {
        let fixture = try fixture()
        let full = try fixture.open("alice").auditEvents()
        // bob is a curator, a role that reads restricted data.
        #expect(try fixture.open("bob").auditEvents() == full)
        // erin holds a read grant: she sees the details, and that read of ct is audited.
        let erin = try fixture.open("erin")
        let seen = try erin.auditEvents()
        #expect(Array(seen.prefix(full.count)) == full)
        #expect(seen.contains { $0.details.contains("John Doe MRN123456") })
        let reads = try fixture.open("alice").auditEvents(AuditFilter(action: "dataset.read", since: nil))
        #expect(reads.count == 1)
        #expect(reads.first?.actor == "erin")
        #expect(reads.first?.details.contains("\"purpose\":\"audit\"") == true)
    }
}
