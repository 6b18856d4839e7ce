import Catalog
import Foundation
import Testing

@testable import LakeEngine

@Suite struct GrantTests {
    @Test func restrictedReadsNeedARoleOrALiveGrantAndGrantReadsAreAudited() throws {
        let fixture = try GovernanceLake()
        let alice = try fixture.open("alice")
        let dave = try fixture.open("dave")
        #expect(throws: GovernanceError.self) { try dave.versions(dataset: "ct") }
        #expect(throws: GovernanceError.self) { try dave.studies(dataset: "ct") }
        #expect(throws: LakeError.self) {
            try dave.grantAccess(user: "dave", dataset: "ct", scope: .read, lifetime: 3600, reason: "self")
        }
        let grant = try alice.grantAccess(user: "dave", dataset: "ct", scope: .read, lifetime: 3600, reason: "QC review")
        #expect(try dave.versions(dataset: "ct").count == 2)
        _ = try dave.exportManifest("ct@2")
        #expect(try dave.studies(dataset: "ct").count == 1)
        // One session (one open lake) audits its reads of a dataset through one grant once.
        let reads = try alice.auditEvents(AuditFilter(action: "dataset.read"))
        #expect(reads.count == 1)
        #expect(reads.allSatisfy { $0.actor == "dave" && $0.details.contains("\"grant\":\"\(grant.id ?? 0)\"") })

        _ = try alice.revokeGrant(id: grant.id ?? 0)
        #expect(throws: GovernanceError.self) { try dave.versions(dataset: "ct") }
        _ = try alice.labelDataset("ct", sensitivity: "internal", consentScope: nil)
        #expect(try dave.versions(dataset: "ct").count == 2)
    }

    @Test func expiredGrantsAreDenied() throws {
        let fixture = try GovernanceLake()
        let alice = try fixture.open("alice")
        let grant = try alice.grantAccess(user: "dave", dataset: "ct", scope: .read, lifetime: 3600, reason: "review")
        // Move the expiry into the past, as time passing would.
        try alice.catalog.execute(
            "UPDATE accessGrant SET expiresAt = ? WHERE id = ?", arguments: [Date().addingTimeInterval(-1), grant.id])
        do {
            _ = try fixture.open("dave").versions(dataset: "ct")
            Issue.record("an expired grant was honoured")
        } catch let error as GovernanceError {
            #expect(error.description.contains("grant \(grant.id ?? 0) has expired"))
        }
        #expect(try alice.grants().isEmpty)
        #expect(try alice.grants(all: true).map(\.status) == ["expired"])
    }

    @Test func anApproveGrantLetsANonCuratorApproveAndIsRecorded() throws {
        let fixture = try GovernanceLake()
        let alice = try fixture.open("alice")
        let request = try alice.requestPromotion("ct@2", to: "curated", select: nil, reason: "")
        #expect(throws: GovernanceError.self) { try fixture.open("erin").approvePromotion(id: request.id, comment: "ok") }
        let grant = try alice.grantAccess(user: "erin", dataset: "ct", scope: .approve, lifetime: 600, reason: "cover")
        let approved = try fixture.open("erin").approvePromotion(id: request.id, comment: "ok")
        #expect(approved.decisions.first?.grantId == grant.id)
        #expect(approved.state == .executed)
    }

    @Test func aGrantToAUserWithoutARoleIsRefused() throws {
        let fixture = try GovernanceLake()
        let alice = try fixture.open("alice")
        do {
            _ = try alice.grantAccess(user: "mallory", dataset: "ct", scope: .read, lifetime: 3600, reason: "QC")
            Issue.record("a grant to a user holding no role was accepted")
        } catch GovernanceError.grantWithoutRole(let user) {
            #expect(user == "mallory")
        }
        #expect(try alice.grants(all: true).isEmpty)
        #expect(try alice.auditEvents(AuditFilter(action: "grant.create")).isEmpty)
    }

    @Test func grantsOnARestrictedDatasetAreListedOnlyToThoseWhoMayReadIt() throws {
        let fixture = try GovernanceLake()
        let alice = try fixture.open("alice")
        _ = try alice.grantAccess(user: "dave", dataset: "ct", scope: .read, lifetime: 3600, reason: "John Doe review")
        // erin (operator) may not read the restricted dataset: its grants, reason and all, stay hidden.
        #expect(try fixture.open("erin").grants(all: true).isEmpty)
        #expect(try fixture.open("dave").grants().map(\.grant.reason) == ["John Doe review"], "the grantee")
        #expect(try fixture.open("bob").grants().map(\.dataset) == ["ct"], "a curator who reads restricted data")
        #expect(try alice.grants().count == 1, "the granter")
        _ = try alice.labelDataset("ct", sensitivity: "internal", consentScope: nil)
        #expect(try fixture.open("erin").grants().count == 1, "no longer restricted")
    }

    @Test func lifetimesParse() throws {
        #expect(try GrantDuration.seconds("8h") == 28_800)
        #expect(try GrantDuration.seconds("90s") == 90)
        #expect(throws: LakeError.self) { try GrantDuration.seconds("8") }
        #expect(throws: LakeError.self) { try GrantDuration.seconds("91d") }
    }
}

/// Grants to service tokens: how a training Job's token reads one restricted dataset without a role that
/// reads them all.
@Suite struct TokenGrantTests {
    @Test func aGrantLetsATokenReadOneRestrictedDatasetUntilItIsRevoked() throws {
        let fixture = try GovernanceLake()
        let alice = try fixture.open("alice")
        let issued = try alice.createToken(NewToken(name: "trainer", role: .operator, lifetime: 86_400))
        let trainer = try Lake.open(
            at: fixture.lake.root, as: try alice.authenticate(bearer: issued.secret))
        #expect(throws: GovernanceError.self) { try trainer.versions(dataset: "ct") }

        let grant = try alice.grantAccess(user: "token:trainer", dataset: "ct", scope: .read, lifetime: 3600, reason: "train")
        #expect(try trainer.versions(dataset: "ct").count == 2)
        let created = try alice.auditEvents(AuditFilter(action: "grant.create"))
        #expect(created.last?.details.contains("\"user\":\"token:trainer\"") == true)

        _ = try alice.revokeGrant(id: grant.id ?? 0)
        #expect(throws: GovernanceError.self) { try trainer.versions(dataset: "ct") }
    }

    @Test func onlyLiveTokensReceiveGrants() throws {
        let fixture = try GovernanceLake()
        let alice = try fixture.open("alice")
        #expect(throws: LakeError.notFound(kind: "token", id: "ghost")) {
            try alice.grantAccess(user: "token:ghost", dataset: "ct", scope: .read, lifetime: 3600, reason: "x")
        }
        _ = try alice.createToken(NewToken(name: "gone", role: .operator, lifetime: 86_400))
        _ = try alice.revokeToken(name: "gone")
        #expect(throws: LakeError.self) {
            try alice.grantAccess(user: "token:gone", dataset: "ct", scope: .read, lifetime: 3600, reason: "x")
        }
        // A token cannot grant itself (or anyone) access: grants are an admin's.
        let issued = try alice.createToken(NewToken(name: "pushy", role: .operator, lifetime: 86_400))
        let pushy = try Lake.open(at: fixture.lake.root, as: try alice.authenticate(bearer: issued.secret))
        #expect(throws: LakeError.self) {
            try pushy.grantAccess(user: "token:pushy", dataset: "ct", scope: .read, lifetime: 3600, reason: "x")
        }
        #expect(try alice.grants().isEmpty)
    }
}
