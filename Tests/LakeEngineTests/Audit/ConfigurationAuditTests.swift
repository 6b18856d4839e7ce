import Catalog
import Foundation
import GRDB
import Testing

@testable import LakeEngine

/// A hand edit of `lake.toml` is audited once, by the first process that opens the lake after it.
@Suite struct ConfigurationAuditTests {
    let lake: TemporaryLake

    init() throws {
        lake = try TemporaryLake()
    }

    private func configChanges() throws -> [AuditEvent] {
        try lake.owner.auditEvents(AuditFilter(action: "config.changed"))
    }

    private func details(_ event: AuditEvent) throws -> [String: String] {
        try JSONDecoder().decode([String: String].self, from: Data(event.details.utf8))
    }

    /// Rewrites `lake.toml` with `old` replaced by `new` (a hand edit).
    private func edit(_ old: String, _ new: String) throws {
        let path = lake.root + "/lake.toml"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains(old))
        try text.replacingOccurrences(of: old, with: new).write(toFile: path, atomically: false, encoding: .utf8)
    }

    @Test func unchangedFileRecordsNothing() throws {
        _ = try lake.open(as: "bob")
        _ = try lake.open(as: "alice")
        #expect(try configChanges().isEmpty)
        #expect(try lake.owner.verifyAudit().isIntact)
    }

    @Test func handEditIsRecordedOnceWithTheChangedKeys() throws {
        try edit("spacing_tolerance_mm = 0.01", "spacing_tolerance_mm = 0.5")
        _ = try lake.open(as: "bob")
        _ = try lake.open(as: "alice")
        let events = try configChanges()
        try #require(events.count == 1)
        let event = events[0]
        #expect(event.actor == "bob")
        #expect(event.role == "none")
        #expect(event.target == "lake.toml")
        let facts = try details(event)
        #expect(facts["changedKeys"] == "qc.spacing_tolerance_mm")
        #expect(facts["previousHash"]?.count == 64)
        #expect(facts["hash"]?.count == 64)
        #expect(facts["previousHash"] != facts["hash"])
        #expect(facts["fileOwner"]?.isEmpty == false)
        #expect(facts["fileModified"]?.hasPrefix("20") == true)
        #expect(try lake.owner.verifyAudit().isIntact)
    }

    @Test func commentOnlyEditIsRecordedWithoutKeys() throws {
        try edit("[qc]", "# reviewed by the data steward\n[qc]")
        _ = try lake.open(as: "alice")
        let events = try configChanges()
        try #require(events.count == 1)
        #expect(try details(events[0])["changedKeys"] == "")
        #expect(events[0].role == "admin")
    }

    @Test func concurrentOpenersRecordOneEvent() async throws {
        try edit("spacing_tolerance_mm = 0.01", "spacing_tolerance_mm = 0.25")
        let root = lake.root
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<6 {
                group.addTask { _ = try Lake.open(at: root, as: Identity(user: "user\(index)", uid: 3000)) }
            }
            try await group.waitForAll()
        }
        #expect(try configChanges().count == 1)
        #expect(try lake.owner.verifyAudit().isIntact)
    }

    @Test func rolesChangedThroughMedLakeAreNotReportedAgain() throws {
        _ = try lake.owner.grant(.annotator, to: "dave")
        _ = try lake.open(as: "alice")
        #expect(try configChanges().isEmpty)
        #expect(try lake.owner.auditEvents(AuditFilter(action: "config.roles")).count == 1)
    }
}
