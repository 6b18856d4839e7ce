import Foundation
import TestSupport
@testable import LakeEngine
import Testing
import TUI
@testable import Workbench

@Suite("Audit tail", .serialized)
@MainActor
struct AuditTailTests {
    @Test("actor:, action: and since: terms reach the engine; newest first")
    func terms() async throws {
        let lake = try SampleFixture.make("audit-terms")
        let harness = try Harness(lake: lake, screen: .audit)
        try await harness.start()
        let all = try lake.auditEvents().count
        #expect(harness.model.screens.audit.list.rows.value?.count == all)
        await harness.press(.character("/"))
        await harness.type("action:flag.add actor:root since:2020-01-01")
        await harness.press(.enter)
        let rows = try #require(harness.model.screens.audit.list.rows.value)
        #expect(rows.count == 2)
        #expect(rows.allSatisfy { $0.cells[4] == "flag.add" })
        #expect(Int(rows[0].cells[0]) ?? 0 > Int(rows[1].cells[0]) ?? 0)
        #expect(harness.text.contains("actor:root action:flag.add since:2020-01-01"))
        await harness.press(.character("/"), .escape, .character("/"))
        await harness.type("actor:nobody")
        await harness.press(.enter)
        #expect(harness.model.screens.audit.list.rows.value?.isEmpty == true)
        #expect(harness.text.contains("no audit events match"))
    }

    @Test("A tampered event shows the chain broken at its sequence number")
    func brokenChain() async throws {
        let lake = try SampleFixture.make("audit-broken")
        try lake.catalog.tamperWithAudit([("UPDATE auditEvent SET actor = 'eve' WHERE seq = 2", [])])
        let harness = try Harness(lake: lake, screen: .audit)
        try await harness.start()
        #expect(harness.model.screens.audit.verification?.value?.firstBad?.seq == 2)
        #expect(harness.text.contains("chain BROKEN at seq 2"))
    }

    @Test("A user who may not read a restricted dataset sees its events without their details")
    func withheldDetails() async throws {
        let owner = try SampleFixture.make("audit-withheld")
        _ = try owner.grant(.annotator, to: "dave")
        let dave = try Lake.open(at: owner.root, as: Identity(user: "dave", uid: 2000))
        let harness = try Harness(lake: dave, width: 160, screen: .audit)
        try await harness.start()
        let rows = try #require(harness.model.screens.audit.list.rows.value)
        #expect(rows.count == (try owner.auditEvents().count))
        let flagRows = rows.filter { $0.cells[4] == "flag.add" }
        #expect(flagRows.count == 2)
        #expect(flagRows.allSatisfy { $0.cells[5] == Lake.withheldAuditTarget })
        #expect(!harness.text.contains("no consent form"))
        #expect(harness.text.contains("withheld"))
        #expect(harness.model.screens.audit.verification?.value?.isIntact == true)
    }

    @Test("The tail holds the newest events and respects the count")
    func tail() throws {
        let lake = try SampleFixture.make("audit-tail")
        let all = try lake.auditEvents()
        let tail = try lake.auditTail(AuditFilter(), count: 2)
        #expect(tail.map(\.seq) == all.suffix(2).reversed().map(\.seq))
        #expect(try lake.auditTail(AuditFilter(since: Date().addingTimeInterval(3600)), count: 10).isEmpty)
    }
}
