import Catalog
import Foundation
import GRDB
import Storage
import Testing

@testable import LakeEngine

@Suite struct PromotionTests {
    @Test func requesterAndAnnotatorCannotApproveAndOnePersonCountsOnce() throws {
        let fixture = try GovernanceLake()
        let alice = try fixture.open("alice")
        let request = try alice.requestPromotion("ct@2", to: "curated", select: nil, reason: "share with lab")
        #expect(request.state == .pending)
        #expect(request.checks.map(\.code) == ["role", "blocking-flags", "deidentification", "consent", "readable"])
        #expect(request.checks.allSatisfy { $0.passed })

        #expect(throws: GovernanceError.self) { try alice.approvePromotion(id: request.id, comment: "mine") }
        #expect(throws: GovernanceError.self) { try fixture.open("dave").approvePromotion(id: request.id, comment: "ok") }
        let untouched = try alice.promotion(id: request.id)
        #expect(untouched.approvals == 0)

        let approved = try fixture.open("bob").approvePromotion(id: request.id, comment: "checked")
        #expect(approved.state == .executed, "\(approved.error ?? "")")
        #expect(approved.target == "ct@3")
        #expect(throws: GovernanceError.self) { try fixture.open("bob").approvePromotion(id: request.id, comment: "again") }

        let actions = try alice.auditEvents(AuditFilter(action: "promotion.")).map(\.action)
        #expect(actions == [
            "promotion.request", "promotion.approve.refused", "promotion.approve.refused", "promotion.approve",
            "promotion.approved", "promotion.execute.start", "promotion.execute", "promotion.approve.refused",
        ])
    }

    @Test func trainingNeedsTwoDistinctApprovalsAndFreezesTheSelection() throws {
        let fixture = try GovernanceLake()
        let alice = try fixture.open("alice")
        let curated = try alice.requestPromotion("ct@2", to: "curated", select: nil, reason: "")
        _ = try fixture.open("bob").approvePromotion(id: curated.id, comment: "ok")

        let training = try alice.requestPromotion("ct@3", to: "training", select: "modality=CT bodypart=HEAD", reason: "")
        #expect(training.state == .pending, "\(training.checks)")
        #expect(training.selectedCount == 3)
        let once = try fixture.open("bob").approvePromotion(id: training.id, comment: "one")
        #expect(once.state == .pending)
        #expect(once.approvals == 1)
        #expect(once.approvalsNeeded == 2)
        let twice = try fixture.open("carol").approvePromotion(id: training.id, comment: "two")
        #expect(twice.state == .executed, "\(twice.error ?? "")")
        let manifest = try alice.manifest(twice.target ?? "")
        #expect(manifest.zone == "training")
        #expect(manifest.entries.count == 3)
        #expect(manifest.entries.allSatisfy { $0.bodyPart == "HEAD" })
        #expect(manifest.selection == "modality=CT bodypart=HEAD")
        #expect(manifest.parent == (try alice.manifest("ct@3")).hash)
    }

    @Test func blockingFlagsAndMissingConsentBlockTheRequest() throws {
        let fixture = try GovernanceLake()
        let alice = try fixture.open("alice")
        let series = try alice.series(dataset: "ct").first?.series.seriesInstanceUID ?? ""
        _ = try alice.grantAccess(user: "dave", dataset: "ct", scope: .annotate, lifetime: 3600, reason: "QC")
        _ = try fixture.open("dave").addFlag(target: series, code: "wrong-laterality", severity: .blocking, note: "L/R")
        _ = try alice.labelDataset("ct", sensitivity: nil, consentScope: "clinical-care")
        let request = try alice.requestPromotion("ct@2", to: "curated", select: nil, reason: "")
        #expect(request.state == .blocked)
        let failed = request.checks.filter { !$0.passed }.map(\.code)
        #expect(failed == ["blocking-flags", "consent"])
        #expect(throws: GovernanceError.self) { try fixture.open("bob").approvePromotion(id: request.id, comment: "ok") }
        #expect(throws: GovernanceError.self) { try alice.requestPromotion("ct@2", to: "training", select: nil, reason: "") }
    }

    @Test func curatedObjectsAreDeidentifiedWithLineage() throws {
        let fixture = try GovernanceLake()
        let alice = try fixture.open("alice")
        let request = try alice.requestPromotion("ct@2", to: "curated", select: nil, reason: "")
        let done = try fixture.open("bob").approvePromotion(id: request.id, comment: "ok")
        let curated = try alice.manifest(done.target ?? "")
        let raw = try alice.manifest("ct@2")
        #expect(curated.entries.count == raw.entries.count)
        #expect(Set(curated.entries.compactMap(\.studyUID)).count == 1)
        #expect(Set(curated.entries.compactMap(\.seriesUID)).count == 2)
        #expect(Set(curated.entries.compactMap(\.studyUID)).isDisjoint(with: raw.entries.compactMap(\.studyUID)))
        #expect(curated.transforms.first?.name == "dicom-deidentification")
        #expect(curated.transforms.first?.parameters["key_id"]?.count == 16)

        let explanation = try alice.explain(curated.entries[0].sha256)
        #expect(explanation.madeFrom.first?.source == curated.entries[0].derivedFrom)
        #expect(explanation.deidentification?.patientIdentityRemoved == "YES")
        #expect(explanation.deidentification?.findings.isEmpty == true)
        #expect(explanation.versions.map(\.version) == [done.target ?? ""])
        let source = try alice.explain(curated.entries[0].derivedFrom ?? "")
        #expect(source.derivedOutputs.map(\.derived) == [curated.entries[0].sha256])
        #expect(source.versions.map(\.version) == ["ct@2"])

        let keyPath = fixture.lake.root + "/keys/deidentification.key"
        let mode = try FileManager.default.attributesOfItem(atPath: keyPath)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test func failedExecutionLeavesNoVersionAndCanBeRetried() throws {
        let fixture = try GovernanceLake()
        let alice = try fixture.open("alice")
        let request = try alice.requestPromotion("ct@2", to: "curated", select: nil, reason: "")
        // A key of the wrong size is refused, so execution fails after the approval.
        let keyFolder = fixture.lake.root + "/keys"
        let key = keyFolder + "/deidentification.key"
        try FileManager.default.createDirectory(atPath: keyFolder, withIntermediateDirectories: true)
        try Data(repeating: 7, count: 31).write(to: URL(fileURLWithPath: key))
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: key)
        let failed = try fixture.open("bob").approvePromotion(id: request.id, comment: "ok")
        #expect(failed.state == .approved)
        #expect(failed.error?.contains("not a 32-byte key") == true)
        #expect(try alice.versions(dataset: "ct").count == 2)

        try Data(repeating: 7, count: 32).write(to: URL(fileURLWithPath: key))
        let retried = try alice.executePromotion(id: request.id)
        #expect(retried.state == .executed)
        #expect(retried.error == nil)
        #expect(try alice.versions(dataset: "ct").map(\.number) == [1, 2, 3])
    }
}
