import Foundation
import Testing

/// The execution state of promotions and the reopening of flags through the real binary, as real Unix
/// users: a flag raised after the request blocks execution, `promote show`/`list` say so, the flag
/// resolved lets `promote execute` publish; refused approvals are audited; only a role that resolves
/// flags reopens one.
@Suite(.serialized, .enabled(if: UnixUsers.available, "needs root to create Unix users"))
struct PromotionExecutionCLITests {
    typealias SharedLake = GovernanceCLITests.SharedLake
    typealias EventJSON = GovernanceCLITests.EventJSON

    struct ExecutionJSON: Decodable {
        struct Execution: Decodable {
            struct Check: Decodable { var code: String }
            var status: String
            var checks: [Check]?
            var reason: String?
            var version: String?
        }
        var id: Int64
        var state: String
        var execution: Execution
    }

    struct FlagJSON: Decodable {
        var id: Int64
        var state: String
    }

    /// The first study of `ct`, for flags.
    static func study(_ shared: SharedLake) throws -> String {
        struct StudyJSON: Decodable {
            var studyInstanceUID: String
        }
        let listed = try shared.run(["studies", "ct", "--json"], as: shared.alice)
        return try #require(
            try JSONDecoder().decode([StudyJSON].self, from: Data(listed.stdout.utf8)).first?.studyInstanceUID)
    }

    @Test func aBlockingFlagAfterTheRequestFailsTheApprovalOutcomeThenExecuteRetries() throws {
        let shared = try SharedLake()
        defer { shared.cleanUp() }
        let requested = try shared.run(["promote", "request", "ct@2", "--to", "curated", "--json"], as: shared.alice)
        let promotion = try JSONDecoder().decode(ExecutionJSON.self, from: Data(requested.stdout.utf8))
        #expect(promotion.execution.status == "awaiting-approval")
        let study = try Self.study(shared)
        let added = try shared.run(
            ["flags", "add", study, "wrong-laterality", "--note", "L/R swapped", "--json"], as: shared.alice)
        let flag = try JSONDecoder().decode(FlagJSON.self, from: Data(added.stdout.utf8))

        let shown = try shared.run(["promote", "show", String(promotion.id)], as: shared.bob)
        #expect(shown.stdout.contains("[FAIL] blocking-flags"), "\(shown.stdout)")
        #expect(shown.stdout.contains("execution: blocked by blocking-flags"), "\(shown.stdout)")

        let own = try shared.attempt(["promote", "approve", String(promotion.id), "--comment", "mine"], as: shared.alice)
        #expect(own.status != 0)
        let approved = try shared.run(
            ["promote", "approve", String(promotion.id), "--comment", "reviewed", "--json"], as: shared.bob)
        let outcome = try JSONDecoder().decode(ExecutionJSON.self, from: Data(approved.stdout.utf8))
        #expect(outcome.state == "approved")
        #expect(outcome.execution.status == "blocked")
        #expect(outcome.execution.checks?.map(\.code) == ["blocking-flags"])
        #expect(try shared.versionCount() == 2)
        let listed = try shared.run(["promote", "list"], as: shared.bob)
        #expect(listed.stdout.contains("blocked: blocking-flags"), "\(listed.stdout)")

        try shared.run(["flags", "resolve", String(flag.id), "--note", "checked against the report"], as: shared.alice)
        let failed = try shared.run(["promote", "show", String(promotion.id)], as: shared.bob)
        #expect(failed.stdout.contains("execution: failed: promotion \(promotion.id): policy checks failed"), "\(failed.stdout)")
        #expect(failed.stdout.contains("execute or retry with: medlake promote execute \(promotion.id)"))

        let executed = try shared.run(["promote", "execute", String(promotion.id), "--json"], as: shared.bob)
        let done = try JSONDecoder().decode(ExecutionJSON.self, from: Data(executed.stdout.utf8))
        #expect(done.execution.status == "executed")
        #expect(done.execution.version == "ct@3")
        #expect(try shared.run(["promote", "list"], as: shared.bob).stdout.contains("executed ct@3"))

        let log = try shared.run(["audit", "list", "--action", "promotion", "--json"], as: shared.alice)
        let events = try JSONDecoder().decode([EventJSON].self, from: Data(log.stdout.utf8))
        let refused = events.filter { $0.action == "promotion.approve.refused" }
        #expect(refused.map(\.actor) == [shared.alice])
        #expect(refused.first?.details["reason"]?.contains("cannot decide on it") == true)
        #expect(events.map(\.action).contains("promotion.execute.failed"))
        #expect(events.last?.action == "promotion.execute")
    }

    @Test func onlyARoleThatResolvesFlagsReopensOne() throws {
        let shared = try SharedLake()
        defer { shared.cleanUp() }
        let study = try Self.study(shared)
        let added = try shared.run(["flags", "add", study, "artifact", "--note", "motion", "--json"], as: shared.alice)
        let flag = try JSONDecoder().decode(FlagJSON.self, from: Data(added.stdout.utf8))
        try shared.run(["flags", "waive", String(flag.id), "--reason", "acceptable"], as: shared.alice)
        // dave keeps an annotate grant on the dataset but loses the annotator role: the grant alone does
        // not let him reopen.
        try shared.run(["grant", shared.dave, "ct", "--scope", "annotate", "--expires", "1h", "--reason", "QC"], as: shared.alice)
        try shared.run(["roles", "revoke", shared.dave, "annotator"], as: shared.alice)
        try shared.run(["roles", "grant", shared.dave, "operator"], as: shared.alice)

        let attempt = try shared.attempt(
            ["flags", "reopen", String(flag.id), "--note", "not acceptable", "--json"], as: shared.dave)
        #expect(attempt.status != 0)
        #expect(attempt.stderr.contains("\"code\" : \"permissionDenied\""), "\(attempt.stderr)")
        let afterAttempt = try shared.run(["flags", "list", "--target", study, "--json"], as: shared.alice)
        let states = try JSONDecoder().decode([FlagJSON].self, from: Data(afterAttempt.stdout.utf8))
        #expect(states.first { $0.id == flag.id }?.state == "waived")

        let reopened = try shared.run(["flags", "reopen", String(flag.id), "--note", "motion is worse than thought"], as: shared.bob)
        #expect(reopened.stdout.contains("Flag #\(flag.id) reopened."))
        let again = try shared.attempt(["flags", "reopen", String(flag.id), "--note", "twice", "--json"], as: shared.bob)
        #expect(again.stderr.contains("\"code\" : \"flagAlreadyOpen\""), "\(again.stderr)")
        let log = try shared.run(["audit", "list", "--action", "flag.reopen", "--json"], as: shared.alice)
        let events = try JSONDecoder().decode([EventJSON].self, from: Data(log.stdout.utf8))
        #expect(events.map(\.actor) == [shared.bob])
    }

    @Test func flagCodesAreListedByTargetKind() throws {
        let shared = try SharedLake()
        defer { shared.cleanUp() }
        let sample = try shared.run(["flags", "codes", "--for", "sample"], as: shared.alice)
        #expect(sample.stdout.contains("no-read-groups"))
        #expect(sample.stdout.contains("needs-review"))
        #expect(!sample.stdout.contains("burned-in-annotation"))
        let series = try shared.run(["flags", "codes", "--for", "series"], as: shared.alice)
        #expect(series.stdout.contains("burned-in-annotation"))
        #expect(!series.stdout.contains("no-read-groups"))
    }
}
