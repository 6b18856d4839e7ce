import Catalog
import Foundation
import Testing

@testable import LakeEngine

@Suite struct DeprecationTests {
    @Test func deprecationBlocksPromotionsAndRunsNamingTheSuccessor() throws {
        let fixture = try GovernanceLake()
        let alice = try fixture.open("alice")
        _ = try alice.ingest([fixture.input], dataset: "ct-v2")
        let successor = try alice.publishVersion(dataset: "ct-v2")
        let pending = try alice.requestPromotion("ct@2", to: "curated", select: nil, reason: "before")

        #expect(throws: LakeError.self) {
            try fixture.open("dave").deprecateDataset("ct", successor: successor.reference, reason: "no")
        }
        #expect(throws: RetentionError.self) { try alice.deprecateDataset("ct", successor: "ct@2", reason: "itself") }
        let deprecation = try fixture.open("bob").deprecateDataset(
            "ct", successor: successor.reference, reason: "re-exported with fixed spacing")
        #expect(deprecation.successor == successor.reference)
        #expect(try alice.datasets().first { $0.dataset.name == "ct" }?.dataset.status == .deprecated)

        let refusal = RetentionError.deprecated(
            dataset: "ct", successor: successor.reference, reason: "re-exported with fixed spacing")
        #expect(throws: refusal) { try alice.requestPromotion("ct@2", to: "curated", select: nil, reason: "after") }
        #expect(refusal.description.contains(successor.reference))
        #expect(throws: refusal) { try fixture.open("bob").approvePromotion(id: pending.id, comment: "too late") }
        #expect(throws: refusal) {
            try alice.recordRun(
                manifest: "ct@2", image: "sha256:" + String(repeating: "a", count: 64), commit: "abcdef1",
                workflow: "wf", serviceAccount: nil, parameters: [:])
        }
        #expect(throws: RetentionError.alreadyDeprecated(dataset: "ct", successor: successor.reference)) {
            try alice.deprecateDataset("ct", successor: successor.reference, reason: "twice")
        }
        #expect(throws: RetentionError.self) {
            try alice.deprecateDataset("ct-v2", successor: "ct@2", reason: "a deprecated successor")
        }
    }
}
