import Catalog
import Foundation
import Storage
import Testing

@testable import LakeEngine

/// Execution re-hashes every source object it reads or reuses: an object altered in place after ingest
/// fails the promotion, is flagged blocking and audited, and nothing of the new version is left.
@Suite struct PromotionSourceVerificationTests {
    @Test func aRawObjectAlteredInPlaceFailsTheCuratedPromotion() throws {
        let fixture = try GovernanceLake()
        let alice = try fixture.open("alice")
        let victim = try #require(try alice.manifest("ct@2").entries.first)
        let tier = try alice.tier(named: "hot")
        let objectsBefore = try Self.objectFiles(in: tier)
        try Self.flipLastByte(of: tier.path(of: try #require(ObjectDigest(hex: victim.sha256))))
        #expect(try alice.verifyManifest("ct@2").problems.map(\.status) == [.corrupt])

        let request = try alice.requestPromotion("ct@2", to: "curated", select: nil, reason: "")
        let failed = try fixture.open("bob").approvePromotion(id: request.id, comment: "ok")
        #expect(failed.state == .approved)
        #expect(failed.error?.contains(victim.sha256) == true, "\(failed.error ?? "")")
        #expect(failed.target == nil)
        #expect(try alice.versions(dataset: "ct").map(\.number) == [1, 2])

        let flags = try alice.listFlags(FlagFilter(code: QualityRule.corruptObject.code))
        #expect(flags.map(\.target) == [victim.sha256])
        #expect(flags.map(\.severity) == [.blocking])
        #expect(flags.map(\.state) == [.open])
        let audited = try alice.auditEvents(AuditFilter(action: "promotion.execute.failed"))
        #expect(audited.count == 1)
        #expect(audited.first?.details.contains("\"flagged\":\"\(victim.sha256)\"") == true)

        // Nothing of the half-built version stays behind: no new object, no staged copy.
        #expect(try Self.objectFiles(in: tier) == objectsBefore)
        #expect(try FileManager.default.contentsOfDirectory(atPath: tier.root + "/tmp").isEmpty)
        // A retry reads the same bytes and fails the same way.
        #expect(throws: GovernanceError.self) { try alice.executePromotion(id: request.id) }
        #expect(try alice.versions(dataset: "ct").count == 2)
    }

    @Test func aReusedObjectAlteredInPlaceFailsTheTrainingPromotion() throws {
        let fixture = try GovernanceLake()
        let alice = try fixture.open("alice")
        let curated = try alice.requestPromotion("ct@2", to: "curated", select: nil, reason: "")
        #expect(try fixture.open("bob").approvePromotion(id: curated.id, comment: "ok").state == .executed)
        let victim = try #require(try alice.manifest("ct@3").entries.last)
        let tier = try alice.tier(named: "hot")
        try Self.flipLastByte(of: tier.path(of: try #require(ObjectDigest(hex: victim.sha256))))

        let training = try alice.requestPromotion("ct@3", to: "training", select: nil, reason: "")
        _ = try fixture.open("bob").approvePromotion(id: training.id, comment: "one")
        let failed = try fixture.open("carol").approvePromotion(id: training.id, comment: "two")
        #expect(failed.state == .approved)
        #expect(failed.error?.contains(victim.sha256) == true, "\(failed.error ?? "")")
        #expect(try alice.versions(dataset: "ct").count == 3)
        #expect(try alice.listFlags(FlagFilter(code: "corrupt-object")).map(\.target) == [victim.sha256])
    }

    // MARK: - Helpers

    /// Changes the last byte of `path` in place (the object files are read-only; the test runs as root or
    /// as their owner, who may make them writable again).
    static func flipLastByte(of path: String) throws {
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        let end = try handle.seekToEnd()
        try handle.seek(toOffset: end - 1)
        let last = try handle.read(upToCount: 1) ?? Data([0])
        try handle.seek(toOffset: end - 1)
        try handle.write(contentsOf: Data([last[last.startIndex] ^ 0xFF]))
    }

    static func objectFiles(in tier: FileSystemTier) throws -> Set<String> {
        Set(try FileManager.default.subpathsOfDirectory(atPath: tier.objectsFolder).filter { $0.count > 3 })
    }
}
