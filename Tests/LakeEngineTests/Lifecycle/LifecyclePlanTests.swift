import Catalog
import Foundation
import Testing

@testable import LakeEngine

/// `lifecycle plan` on a real lake: each condition of a rule selects exactly the objects it should.
@Suite struct LifecyclePlanTests {
    let lake: TemporaryLake

    init() throws {
        lake = try TemporaryLake()
    }
    static let day = 86_400.0

    private func plan(_ rules: String, now: Date = Date()) throws -> LifecyclePlan {
        try lake.appendingTOML(rules).lifecyclePlan(now: now)
    }

    private func rule(_ name: String, to: String = "warm", _ conditions: String) -> String {
        "[[lifecycle.rules]]\nname = \"\(name)\"\nto = \"\(to)\"\n\(conditions)\n"
    }

    @Test func zoneRuleMatchesObjectsOfDatasetsInTheZone() throws {
        try lake.ingestObjects("a", count: 3, size: 1000)
        let matching = try plan(rule("raw-to-warm", "zone = \"raw\""))
        #expect(matching.moves.map(\.objects) == [3])
        #expect(matching.moves.first?.bytes == 3000)
        #expect(matching.moves.first?.fromTier == "hot")
        let other = try plan(rule("curated", "zone = \"curated\""))
        #expect(other.moves.isEmpty)
    }

    @Test func daysSinceIngestCountsFromTheObjectsCreation() throws {
        try lake.ingestObjects("a", count: 2, size: 100)
        let rules = rule("old", "min_days_since_ingest = 30")
        #expect(try plan(rules, now: Date().addingTimeInterval(10 * Self.day)).moves.isEmpty)
        #expect(try plan(rules, now: Date().addingTimeInterval(31 * Self.day)).moves.map(\.objects) == [2])
    }

    @Test func daysSinceAccessSparesRecentlyReadObjects() throws {
        let hashes = try lake.ingestObjects("a", count: 3, size: 100)
        let later = Date().addingTimeInterval(20 * Self.day)
        try lake.execute("UPDATE object SET createdAt = ?", [Date().addingTimeInterval(-40 * 86_400)])
        try lake.execute("UPDATE object SET lastAccess = ? WHERE sha256 = ?", [later, hashes[0]])
        let moves = try plan(rule("cold-unread", to: "cold", "min_days_since_access = 14"), now: later.addingTimeInterval(Self.day))
        #expect(moves.moves.map(\.objects) == [2])
    }

    @Test func readsRecordLastAccessInBatches() async throws {
        let hashes = try lake.ingestObjects("a", count: 2, size: 100)
        _ = try await lake.owner.openObject(hashes[0])
        let before = try lake.owner.catalog.value(Int.self, "SELECT COUNT(*) FROM object WHERE lastAccess IS NOT NULL")
        #expect(before == 0, "a single read waits for its batch")
        try lake.owner.flushAccesses()
        let accessed = try lake.owner.catalog.values(
            String.self, "SELECT sha256 FROM object WHERE lastAccess IS NOT NULL")
        #expect(accessed == [hashes[0]])
    }

    @Test func datasetStatusRuleMovesOnlyDeprecatedDatasets() throws {
        try lake.ingestObjects("old", count: 2, size: 100, seed: 1)
        try lake.ingestObjects("new", count: 3, size: 100, seed: 2)
        try lake.execute("UPDATE dataset SET status = 'deprecated' WHERE name = 'old'")
        let moves = try plan(rule("deprecated", to: "cold", "dataset_status = \"deprecated\"")).moves
        #expect(moves.map(\.objects) == [2])
        #expect(moves.first?.toTier == "cold")
    }

    @Test func sensitivityAndVersionStateRules() throws {
        try lake.ingestObjects("a", count: 2, size: 100, seed: 1)
        try lake.ingestObjects("b", count: 1, size: 100, seed: 2)
        try lake.execute("UPDATE dataset SET sensitivity = 'public' WHERE name = 'b'")
        #expect(try plan(rule("public", "sensitivity = \"public\"")).moves.map(\.objects) == [1])
        #expect(try plan(rule("drafts", "version_state = \"draft\"")).moves.map(\.objects) == [3])
        #expect(try plan(rule("published", "version_state = \"published\"")).moves.isEmpty)
    }

    @Test func anObjectSharedWithANonMatchingDatasetStays() throws {
        try lake.ingestObjects("old", count: 2, size: 100, seed: 1)
        try lake.ingestObjects("new", count: 1, size: 100, seed: 1)
        try lake.execute("UPDATE dataset SET status = 'deprecated' WHERE name = 'old'")
        #expect(try plan(rule("deprecated", "dataset_status = \"deprecated\"")).moves.map(\.objects) == [1])
    }

    @Test func firstMatchingRuleWinsAndCostsAreComputed() throws {
        try lake.ingestObjects("a", count: 4, size: 500_000)
        let rules = rule("first", to: "cold", "zone = \"raw\"") + rule("second", to: "warm", "zone = \"raw\"")
        let result = try plan(rules)
        #expect(result.moves.map(\.rule) == ["first"])
        #expect(abs(result.monthlyCostBefore - 0.002 * 0.023) < 1e-9)
        #expect(abs(result.monthlyCostAfter - 0.002 * 0.004) < 1e-9)
    }

    @Test func applyQueuesJobsAndThePlanEmpties() throws {
        try lake.ingestObjects("a", count: 3, size: 100)
        let configured = try lake.appendingTOML(rule("raw", "zone = \"raw\""))
        let jobs = try configured.applyLifecycle()
        #expect(jobs.map(\.reason) == [.policy])
        #expect(jobs.first?.objectsTotal == 3)
        #expect(try configured.lifecyclePlan().moves.isEmpty, "objects in a queued job are not planned twice")
        #expect(try configured.auditEvents(AuditFilter(action: "migration.queue")).count == 1)
    }

    @Test func objectsOfAVersionATrainingRunRecordedAreFlaggedWhenArchived() throws {
        try lake.ingestObjects("a", count: 2, size: 100, seed: 1)
        try lake.ingestObjects("b", count: 3, size: 100, seed: 2)
        let published = try lake.owner.publishVersion(dataset: "a")
        try lake.owner.recordRun(
            manifest: try published.manifestHash.orThrow(), image: "sha256:" + String(repeating: "ab", count: 32),
            commit: "0123abc", workflow: "wf", serviceAccount: nil, parameters: [:])
        let moves = try plan(rule("archive-all", to: "archive", "zone = \"raw\"")).moves
        #expect(moves.map(\.objects) == [5])
        #expect(moves.first?.heldObjects == 2)
        #expect(moves.first?.warning?.contains("recorded run") == true)
        #expect(try plan(rule("warm-all", to: "warm", "zone = \"raw\"")).moves.first?.warning == nil,
                "only restore-required destinations need the warning")
    }

    @Test func rulesNamingUndeclaredTiersAreRejectedWithTheirLine() throws {
        #expect(throws: ConfigurationError.self) { try lake.appendingTOML(rule("bad", to: "tape", "zone = \"raw\"")) }
    }
}
