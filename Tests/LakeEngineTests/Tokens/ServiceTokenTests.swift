import Catalog
import Crypto
import Foundation
import Testing

@testable import LakeEngine

/// Bearer tokens in the engine: made by admins only, kept as a hash, checked for expiry and revocation,
/// and acting with exactly their one role, audited under their name.
@Suite struct ServiceTokenTests {
    @Test func theCatalogKeepsTheSecretsHashNeverTheSecret() throws {
        let fixture = try GovernanceLake()
        let alice = try fixture.open("alice")
        let issued = try alice.createToken(NewToken(name: "ci", role: .annotator, lifetime: 3600))
        #expect(issued.secret.hasPrefix("mlt_") && issued.secret.count == 68)
        #expect(issued.token.state == .active && issued.token.role == .annotator && issued.token.createdBy == "alice")

        let digest = SHA256.hash(data: Array(issued.secret.utf8)).map { String(format: "%02x", $0) }.joined()
        let stored = try alice.catalog.rows("SELECT * FROM serviceToken")
        #expect(stored.count == 1)
        #expect(stored.first?["secretHash"] == digest)
        // The secret appears nowhere in the catalog file: not in the token row, not in the audit log.
        let everything =
            try alice.catalog.values(String.self, "SELECT CAST(secretHash AS TEXT) || name || role FROM serviceToken")
            + alice.catalog.values(String.self, "SELECT details || target FROM auditEvent")
        #expect(!everything.contains { $0.contains(issued.secret) || $0.contains(issued.secret.dropFirst(4)) })
        #expect(try alice.tokens().map(\.name) == ["ci"])
    }

    @Test func aTokenCallerHoldsExactlyItsRoleAndAuditNamesIt() throws {
        let fixture = try GovernanceLake()
        let alice = try fixture.open("alice")
        // Annotators read internal datasets; a restricted one would need a grant, which tokens cannot hold.
        _ = try alice.labelDataset("ct", sensitivity: "internal", consentScope: nil)
        let issued = try alice.createToken(NewToken(name: "qc-bot", role: .annotator, lifetime: 3600))
        let identity = try alice.authenticate(bearer: issued.secret)
        #expect(identity.user == "token:qc-bot" && identity.uid == Identity.tokenUID)
        let bot = alice.acting(as: identity)
        #expect(bot.actorRoles == [.annotator])
        #expect(try bot.caller().token == "qc-bot")

        let flag = try bot.raiseFlag(NewFlag(target: "ct", code: "needs-review", note: "from CI"))
        #expect(flag.author == "token:qc-bot")
        #expect(throws: LakeError.self) { try bot.createToken(NewToken(name: "more", role: .admin, lifetime: 60)) }
        #expect(throws: LakeError.self) { try bot.tokens() }
        let request = try alice.requestPromotion(PromotionRequest(source: "ct@2", zone: "curated", reason: "lab"))
        #expect(throws: GovernanceError.self) { try bot.approvePromotion(id: request.id, comment: "looks fine") }

        let events = try alice.auditEvents(AuditFilter(actor: "token:qc-bot"))
        #expect(events.map(\.action).contains("flag.add"))
        #expect(events.allSatisfy { $0.role == "annotator" })
        #expect(try alice.auditEvents(AuditFilter(action: "token.create")).map(\.actor) == ["alice"])
        #expect(try alice.verifyAudit().isIntact)
    }

    @Test func expiredRevokedUnknownAndMalformedTokensAreRefused() throws {
        let fixture = try GovernanceLake()
        let alice = try fixture.open("alice")
        let issued = try alice.createToken(NewToken(name: "nightly", role: .operator, lifetime: 600))
        let expiry = issued.token.expiresAt
        #expect(try alice.authenticate(bearer: issued.secret, now: expiry.addingTimeInterval(-1)).user == "token:nightly")
        #expect(throws: TokenError.expired(name: "nightly")) { try alice.authenticate(bearer: issued.secret, now: expiry) }
        #expect(try alice.tokens().first?.state == .active)

        let revoked = try alice.revokeToken(name: "nightly")
        #expect(revoked.state == .revoked && revoked.revokedBy == "alice")
        #expect(throws: TokenError.revoked(name: "nightly")) { try alice.authenticate(bearer: issued.secret) }
        #expect(try alice.auditEvents(AuditFilter(action: "token.revoke")).map(\.target) == ["nightly"])

        let other = "mlt_" + String(repeating: "0", count: 64)
        #expect(throws: TokenError.unknown) { try alice.authenticate(bearer: other) }
        for garbage in ["", "mlt_", "Bearer x", String(issued.secret.dropLast()), issued.secret.uppercased()] {
            #expect(throws: TokenError.malformed) { try alice.authenticate(bearer: garbage) }
        }
        #expect(try alice.verifyAudit().isIntact)
    }

    @Test func onlyAdminsMakeTokensWithValidNamesAndLifetimes() throws {
        let fixture = try GovernanceLake()
        let alice = try fixture.open("alice")
        let bob = try fixture.open("bob")
        #expect(throws: LakeError.self) { try bob.createToken(NewToken(name: "mine", role: .curator, lifetime: 60)) }
        #expect(throws: LakeError.self) { try bob.revokeToken(name: "mine") }
        for name in ["", "-x", "a b", "token:x", "ü", String(repeating: "a", count: 65)] {
            #expect(throws: TokenError.invalidName(name: name)) {
                try alice.createToken(NewToken(name: name, role: .curator, lifetime: 60))
            }
        }
        for lifetime in [0, -1, NewToken.maximumLifetime + 1] {
            #expect(throws: TokenError.invalidLifetime(seconds: lifetime)) {
                try alice.createToken(NewToken(name: "x", role: .curator, lifetime: lifetime))
            }
        }
        _ = try alice.createToken(NewToken(name: "x", role: .curator, lifetime: 60))
        _ = try alice.revokeToken(name: "x")
        #expect(throws: TokenError.nameTaken(name: "x")) {
            try alice.createToken(NewToken(name: "x", role: .curator, lifetime: 60))
        }
        #expect(throws: LakeError.notFound(kind: "token", id: "nobody")) { try alice.revokeToken(name: "nobody") }
        #expect(try alice.tokens().count == 1)
    }
}
