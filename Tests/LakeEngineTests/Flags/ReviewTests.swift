import Foundation
import Testing

@testable import LakeEngine

@Suite struct ReviewTests {
    let lake: TemporaryLake

    init() throws {
        lake = try TemporaryLake()
        let input = try lake.inputFolder()
        try write("payload", to: input + "/a.bin")
        _ = try lake.owner.ingest([input], dataset: "d1", options: IngestOptions(keepUnknown: true))
    }

    @Test("A review is audited as qc.review with the target's kind and dataset")
    func reviewIsAudited() throws {
        try lake.owner.recordReview(target: "d1")
        let event = try #require(try lake.owner.auditTail(AuditFilter(action: "qc.review"), count: 5).first)
        #expect(event.target == "d1")
        #expect(event.details.contains("\"kind\":\"dataset\""))
        #expect(try lake.owner.verifyAudit().isIntact)
    }

    @Test("An unknown target is refused and nothing is audited")
    func unknownTarget() throws {
        #expect(throws: LakeError.self) { try lake.owner.recordReview(target: "1.2.999") }
        #expect(try lake.owner.auditTail(AuditFilter(action: "qc.review"), count: 5).isEmpty)
    }

    @Test("An operator (no flagging role) cannot record a review")
    func readerIsRefused() throws {
        try lake.setRoles([.admin: ["alice"], .curator: ["alice"], .operator: ["mallory"]])
        let mallory = try lake.open(as: "mallory")
        #expect(throws: LakeError.self) { try mallory.recordReview(target: "d1") }
        let alice = try lake.open(as: "alice")
        #expect(try alice.auditTail(AuditFilter(action: "qc.review"), count: 5).isEmpty)
    }
}
