import Foundation
import Testing

@testable import LakeEngine

/// A read through a grant is audited once per dataset and grant in each session (an open ``Lake``), however
/// often a screen reads again.
@Suite struct GrantedReadAuditTests {
    @Test func fiftyReadsInOneSessionAuditOnceAndANewSessionAuditsAgain() throws {
        let fixture = try GovernanceLake()
        let alice = try fixture.open("alice")
        let grant = try alice.grantAccess(user: "dave", dataset: "ct", scope: .read, lifetime: 3600, reason: "QC")
        func reads() throws -> [String] {
            try alice.auditEvents(AuditFilter(action: "dataset.read")).map(\.details)
        }

        // A workbench-like loop: one open lake redrawing the same screens.
        let session = try fixture.open("dave")
        for _ in 0..<50 {
            _ = try session.studies(dataset: "ct")
            _ = try session.series(dataset: "ct")
            _ = try session.listFlags()
        }
        let first = try reads()
        #expect(first.count == 1)
        #expect(first.first?.contains("\"grant\":\"\(grant.id ?? 0)\"") == true)
        #expect(first.first?.contains("\"purpose\":\"studies\"") == true)

        // Nothing in the catalog changes while the session only reads again.
        func newestSeq() throws -> Int? {
            try alice.catalog.value(Int.self, "SELECT MAX(seq) FROM auditEvent")
        }
        let newest = try newestSeq()
        _ = try session.studies(dataset: "ct")
        #expect(try newestSeq() == newest)

        _ = try fixture.open("dave").studies(dataset: "ct")
        #expect(try reads().count == 2)

        // A new grant is a new basis: the same session audits its first read through it.
        _ = try alice.revokeGrant(id: grant.id ?? 0)
        let renewed = try alice.grantAccess(user: "dave", dataset: "ct", scope: .read, lifetime: 3600, reason: "QC 2")
        _ = try session.studies(dataset: "ct")
        _ = try session.studies(dataset: "ct")
        let last = try reads()
        #expect(last.count == 3)
        #expect(last.last?.contains("\"grant\":\"\(renewed.id ?? 0)\"") == true)
    }

    @Test func readsByRoleAreNotAudited() throws {
        let fixture = try GovernanceLake()
        let bob = try fixture.open("bob")
        for _ in 0..<5 { _ = try bob.studies(dataset: "ct") }
        #expect(try bob.auditEvents(AuditFilter(action: "dataset.read")).isEmpty)
    }
}
