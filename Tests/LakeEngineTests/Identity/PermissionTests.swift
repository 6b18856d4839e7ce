import Foundation
import Testing

@testable import LakeEngine

@Suite struct PermissionTests {
    let lake: TemporaryLake

    init() throws {
        lake = try TemporaryLake(owner: "alice")
        try lake.setRoles([
            .admin: ["alice"], .curator: ["alice", "cora"], .annotator: ["ann"], .operator: ["otto"],
        ])
    }

    private func denied(_ body: () throws -> Void) -> Permission? {
        do {
            try body()
            return nil
        } catch LakeError.notPermitted(_, let permission) {
            return permission
        } catch {
            return nil
        }
    }

    @Test func userWithoutRoleCannotEvenRead() throws {
        let stranger = try lake.open(as: "mallory")
        #expect(denied { _ = try stranger.datasets() } == .read)
        #expect(denied { _ = try stranger.auditEvents() } == .read)
    }

    @Test func annotatorCannotIngest() throws {
        let annotator = try lake.open(as: "ann")
        let input = try lake.inputFolder()
        try write("x", to: input + "/a.bin")
        #expect(denied { _ = try annotator.ingest([input], dataset: "d", options: IngestOptions(keepUnknown: true)) } == .ingest)
    }

    @Test func operatorIngestsButCannotFlag() throws {
        let operatorLake = try lake.open(as: "otto")
        let input = try lake.inputFolder()
        try write("x", to: input + "/a.bin")
        let report = try operatorLake.ingest([input], dataset: "d", options: IngestOptions(keepUnknown: true))
        #expect(report.filesAdded == 1)
        #expect(denied { try operatorLake.addFlag(target: "d", code: "needs-review", note: "") } == .addFlag)
        let ingestEvent = try operatorLake.auditEvents(AuditFilter(action: "ingest")).first
        #expect(ingestEvent?.actor == "otto")
        #expect(ingestEvent?.role == "operator")
    }

    @Test func onlyCuratorsWaiveBlockingFlags() throws {
        let input = try lake.inputFolder()
        try write("x", to: input + "/a.bin")
        _ = try lake.owner.ingest([input], dataset: "d", options: IngestOptions(keepUnknown: true))
        // Annotating a restricted dataset needs a grant too (DatasetAccessTests); this one is internal.
        _ = try lake.owner.labelDataset("d", sensitivity: "internal", consentScope: nil)
        let annotator = try lake.open(as: "ann")
        let blocking = try annotator.addFlag(target: "d", code: "wrong-label", note: "labels swapped")
        let minor = try annotator.addFlag(target: "d", code: "needs-review", note: "check")
        #expect(blocking.severity == .blocking)
        #expect(denied { try annotator.waiveFlag(id: blocking.id ?? 0, reason: "fine") } == .waiveBlockingFlag)
        #expect(try annotator.waiveFlag(id: minor.id ?? 0, reason: "seen").state == .waived)
        let curator = try lake.open(as: "cora")
        let waived = try curator.waiveFlag(id: blocking.id ?? 0, reason: "labels checked by hand")
        #expect(waived.state == .waived)
        #expect(waived.resolvedBy == "cora")
        let event = try curator.auditEvents(AuditFilter(action: "flag.waive")).last
        #expect(event?.actor == "cora")
        #expect(event?.role == "curator")
    }
}
