import Catalog
import Foundation
import Testing

@testable import LakeEngine

/// Every read entry point of a restricted dataset needs a reading role or a grant, and reads through a
/// grant are audited with its id; annotating needs an annotate grant, approving an approve grant.
@Suite struct DatasetAccessTests {
    @Test func everyReadEntryPointOfARestrictedDatasetIsChecked() throws {
        let fixture = try GovernanceLake()
        let alice = try fixture.open("alice")
        let dave = try fixture.open("dave")
        let series = try alice.series(dataset: "ct")
        let study = try #require(series.first?.studyInstanceUID)
        let instance = try #require(try alice.instances(dataset: "ct", seriesUID: series[0].series.seriesInstanceUID).first)
        let object = try #require(try alice.manifest("ct@2").entries.first?.sha256)
        _ = try alice.addFlag(target: study, code: "needs-review", note: "check")

        // Each read runs in a session of its own: a session audits a dataset read through a grant once.
        let reads: [(String, (Lake) throws -> Void)] = [
            ("show", { _ = try $0.show(study) }),
            ("show object", { _ = try $0.show(object) }),
            ("show dataset", { _ = try $0.show("ct") }),
            ("instances", { _ = try $0.instances(dataset: "ct", seriesUID: series[0].series.seriesInstanceUID) }),
            ("inspect", { _ = try $0.inspectInstance(dataset: "ct", sopInstanceUID: instance.sopInstanceUID) }),
            ("modalities", { _ = try $0.modalityCounts(dataset: "ct") }),
            ("flags of ct", { _ = try $0.listFlags(FlagFilter(dataset: "ct")) }),
            ("object path", { _ = try $0.readablePath(of: object) }),
            ("manifest verify", { _ = try $0.verifyManifest("ct@2") }),
            ("explain", { _ = try $0.explain("ct@2") }),
        ]
        for (name, read) in reads {
            #expect(throws: GovernanceError.self, "\(name) read a restricted dataset without a grant") {
                try read(fixture.open("dave"))
            }
        }
        #expect(try dave.listFlags().isEmpty)
        let flagCount = try alice.listFlags().count
        #expect(flagCount >= 1)

        let grant = try alice.grantAccess(user: "dave", dataset: "ct", scope: .read, lifetime: 3600, reason: "QC")
        for (name, read) in reads {
            #expect(throws: Never.self, "\(name) refused a read grant") { try read(fixture.open("dave")) }
        }
        let audited = try alice.auditEvents(AuditFilter(action: "dataset.read"))
        #expect(audited.count == reads.count)
        #expect(try dave.listFlags().count == flagCount)
        #expect(audited.allSatisfy { $0.actor == "dave" && $0.details.contains("\"grant\":\"\(grant.id ?? 0)\"") })
        let purposes = Set(audited.compactMap { event in
            event.details.range(of: "\"purpose\":\"")
                .map { String(event.details[$0.upperBound...].prefix { $0 != "\"" }) }
        })
        #expect(purposes.isSuperset(of: ["show", "instances", "inspect", "flags", "object.read", "manifest.verify", "explain"]))
    }

    @Test func verifyingAMadeUpManifestDoesNotTellWhetherARestrictedFileIsInTheLake() throws {
        let fixture = try GovernanceLake()
        let alice = try fixture.open("alice")
        let exported = try alice.exportManifest("ct@2")
        let held = try #require(try alice.manifest("ct@2").entries.first)
        // The attacker hashes a file they have (say, a scan they believe went in) and asks about it next
        // to a hash no object has.
        var manifest = try Manifest.parse(Data(exported.bytes), source: "ct@2.json")
        var madeUp = held
        madeUp.path = "made-up"
        madeUp.sha256 = String(repeating: "ab", count: 32)
        manifest.entries = [held, madeUp]
        let document = ManifestSource.document(name: "probe.json", bytes: manifest.canonicalBytes)

        let probed = try fixture.open("dave").verifyManifest(document)
        #expect(probed.problems.count == 2)
        #expect(probed.problems.allSatisfy { $0.status == .missing && $0.location == Lake.notReadableLocation },
                "the held file and the made-up one must read the same: \(probed.problems)")

        _ = try alice.grantAccess(user: "dave", dataset: "ct", scope: .read, lifetime: 3600, reason: "QC")
        let granted = try fixture.open("dave").verifyManifest(document)
        #expect(granted.problems.map(\.path) == ["made-up"], "with a grant the held file verifies")
        #expect(try alice.auditEvents(AuditFilter(action: "dataset.read")).contains { $0.details.contains("manifest.verify") })
    }

    @Test func annotatingARestrictedDatasetNeedsAnAnnotateGrant() throws {
        let fixture = try GovernanceLake()
        let alice = try fixture.open("alice")
        let study = try #require(try alice.series(dataset: "ct").first?.studyInstanceUID)
        _ = try alice.grantAccess(user: "dave", dataset: "ct", scope: .read, lifetime: 3600, reason: "look")
        do {
            _ = try fixture.open("dave").addFlag(target: study, code: "needs-review", note: "odd")
            Issue.record("a read grant let an annotator flag a restricted dataset")
        } catch let error as GovernanceError {
            #expect(error.description.contains("may not annotate restricted dataset ct"))
        }
        let grant = try alice.grantAccess(user: "dave", dataset: "ct", scope: .annotate, lifetime: 3600, reason: "QC")
        let flag = try fixture.open("dave").addFlag(target: study, code: "needs-review", note: "odd")
        let added = try alice.auditEvents(AuditFilter(action: "flag.add"))
        #expect(added.last?.details.contains("\"grant\":\"\(grant.id ?? 0)\"") == true)

        _ = try alice.revokeGrant(id: grant.id ?? 0)
        #expect(throws: GovernanceError.self) { try fixture.open("dave").resolveFlag(id: flag.id ?? 0, note: "fine") }
        let again = try alice.grantAccess(user: "dave", dataset: "ct", scope: .annotate, lifetime: 3600, reason: "QC 2")
        let resolved = try fixture.open("dave").resolveFlag(id: flag.id ?? 0, note: "fine")
        #expect(resolved.state == .resolved)
        let closed = try alice.auditEvents(AuditFilter(action: "flag.resolve"))
        #expect(closed.last?.details.contains("\"grant\":\"\(again.id ?? 0)\"") == true)

        // An operator holds no annotating role: a grant gives data access, not a role.
        _ = try alice.grantAccess(user: "erin", dataset: "ct", scope: .annotate, lifetime: 3600, reason: "no role")
        #expect(throws: LakeError.self) { try fixture.open("erin").addFlag(target: study, code: "needs-review", note: "x") }
    }

    @Test func approvingARestrictedDatasetNeedsAReadingRoleOrAnApproveGrant() throws {
        let fixture = try GovernanceLake()
        try fixture.lake.setSetting("restricted_read_roles", to: "[\"admin\"]")
        let alice = try fixture.open("alice")
        let request = try alice.requestPromotion("ct@2", to: "curated", select: nil, reason: "")
        // bob is a curator (an approver role) but curators no longer read restricted data.
        do {
            _ = try fixture.open("bob").approvePromotion(id: request.id, comment: "ok")
            Issue.record("an approver without access approved a restricted dataset")
        } catch let error as GovernanceError {
            #expect(error.description.contains("may not approve restricted dataset ct"))
        }
        _ = try alice.grantAccess(user: "bob", dataset: "ct", scope: .read, lifetime: 3600, reason: "look only")
        #expect(throws: GovernanceError.self) { try fixture.open("bob").approvePromotion(id: request.id, comment: "ok") }
        let grant = try alice.grantAccess(user: "bob", dataset: "ct", scope: .approve, lifetime: 3600, reason: "review")
        let approved = try fixture.open("bob").approvePromotion(id: request.id, comment: "ok")
        #expect(approved.decisions.first?.grantId == grant.id)
        #expect(approved.state == .executed)
    }

    @Test func curatedVersionsListTheirZone() throws {
        let fixture = try GovernanceLake()
        let alice = try fixture.open("alice")
        #expect(try alice.datasets(zone: "curated").isEmpty)
        let request = try alice.requestPromotion("ct@2", to: "curated", select: nil, reason: "")
        _ = try fixture.open("bob").approvePromotion(id: request.id, comment: "ok")
        let curated = try alice.datasets(zone: "curated")
        #expect(curated.map(\.dataset.name) == ["ct"])
        #expect(curated.first?.zones == ["raw", "curated"])
        #expect(try alice.datasets(zone: "training").isEmpty)
        #expect(try alice.versions(dataset: "ct").map(\.zone) == ["raw", "raw", "curated"])
        let shown = try alice.show("ct").first?.fields.first { $0.name == "zones" }
        #expect(shown?.value == "raw, curated")
    }
}
