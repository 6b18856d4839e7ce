import Foundation
import Testing

/// Deletions by retention policy and the lifecycle rules through the lake service, by real Unix users who
/// cannot read the lake folder: alice and bob (curators, approvers), dave (an annotator), carol (no role)
/// and root (the admin, who is also the operator here). The engine behind the socket authorizes and audits;
/// each refusal is checked from the CLI and with curl on the socket.
@Suite(.serialized, .enabled(if: UnixUsers.available, "needs root to create Unix users"))
struct ServiceRetentionCLITests {
    /// `dicom generate` writes StudyDate 2024-01-01: long past the policy's 30 days.
    private static let policy = """
        [[retention.policies]]
        name = "consent-30d"
        zone = "raw"
        max_days = 30
        from = "acquisition"

        """

    private static let lifecycleRule = """
        [[lifecycle.rules]]
        name = "raw-to-warm"
        to = "warm"
        zone = "raw"

        """

    private struct RetentionPlanJSON: Decodable {
        var deletions: [Group]

        struct Group: Decodable {
            var rule: String
            var dataset: String
            var objects: Int
        }
    }

    private struct RequestJSON: Decodable {
        var id: Int64
        var state: String
        var requester: String
        var pending: Int
        var deleted: Int
    }

    private struct StatusJSON: Decodable {
        var retention: Standing
        var holds: [Hold]

        struct Standing: Decodable {
            var rule: String?
            var maxDays: Double?
            var overrideReason: String?
        }

        struct Hold: Decodable {
            var id: Int64
        }
    }

    private struct LifecyclePlanJSON: Decodable {
        var moves: [Move]

        struct Move: Decodable {
            var rule: String
            var toTier: String
            var objects: Int
        }
    }

    /// Checks that `user` is refused `arguments` with `code` from the CLI.
    private func refused(
        _ served: ServedLake, _ arguments: [String], as user: String, code: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let result = try served.medlake(arguments + ["--json"], as: user)
        #expect(result.status == 1, "\(arguments) as \(user) succeeded: \(result.stdout)", sourceLocation: sourceLocation)
        #expect(try failure(result) == code, "\(arguments) as \(user): \(result.stderr)", sourceLocation: sourceLocation)
    }

    @Test func planStatusOverrideAndFourEyesDeletionThroughTheService() throws {
        let (served, dave) = try ServedLake.withAnnotator()
        try served.appendingConfiguration(Self.policy)
        let carol = served.carol

        // The plan and a dataset's status: any reading role; carol (no role) is refused.
        let plan = try decode(RetentionPlanJSON.self, try served.medlake(["retention", "plan", "--json"], as: served.alice))
        #expect(plan.deletions.map(\.rule) == ["consent-30d"] && plan.deletions.map(\.dataset) == ["ct"], "\(plan)")
        let planned = plan.deletions.reduce(0) { $0 + $1.objects }
        #expect(planned > 0)
        #expect(try served.medlake(["retention", "plan"], as: dave).stdout.contains("consent-30d"))
        try refused(served, ["retention", "plan"], as: carol, code: "permissionDenied")
        #expect(try served.problem(get: "retention/plan", as: carol).code == "notPermitted")
        let status = try served.medlake(["retention", "status", "ct"], as: dave)
        #expect(status.stdout.contains("delete after 30 days, from acquisition (consent-30d)"), "\(status.stderr)")
        try refused(served, ["retention", "status", "ct"], as: carol, code: "permissionDenied")
        #expect(try served.problem(get: "retention/status?dataset=ct", as: carol).code == "notPermitted")

        // A deletion request: an operator or admin; the annotator is refused, root asks.
        let apply = ["retention", "apply", "--reason", "consent ends"]
        try refused(served, apply, as: dave, code: "permissionDenied")
        try refused(served, apply, as: carol, code: "permissionDenied")
        #expect(try served.problem(post: "retention/requests", #"{"reason":"x"}"#, as: dave).code == "notPermitted")
        let first = try decode(RequestJSON.self, try served.medlake(apply + ["--json"], as: "root"))
        #expect(first.state == "pending" && first.requester == "root" && first.pending == planned)

        // Listing: a reading role.
        let listed = try decode(
            [RequestJSON].self, try served.medlake(["retention", "list", "--state", "pending", "--json"], as: dave))
        #expect(listed.map(\.id) == [first.id])
        try refused(served, ["retention", "list"], as: carol, code: "permissionDenied")
        #expect(try served.problem(get: "retention/requests", as: carol).code == "notPermitted")

        // Decisions: never the requester, never an annotator or carol; a curator rejects.
        let id = String(first.id)
        for user in ["root", dave] {
            try refused(served, ["retention", "reject", id, "--comment", "no"], as: user, code: "decisionRefused")
        }
        try refused(served, ["retention", "reject", id, "--comment", "no"], as: carol, code: "permissionDenied")
        let rejectRaw = try served.problem(post: "retention/requests/\(id)/reject", #"{"comment":"no"}"#, as: dave)
        #expect(rejectRaw.code == "decisionRefused" && rejectRaw.status == 403)
        let rejected = try served.medlake(["retention", "reject", id, "--comment", "ask legal first", "--json"], as: served.alice)
        #expect(try decode(RequestJSON.self, rejected).state == "rejected", "\(rejected.stderr)")

        // A second request; the annotator and carol cannot approve it, bob can and the bytes go.
        let second = try decode(RequestJSON.self, try served.medlake(apply + ["--json"], as: "root"))
        let secondId = String(second.id)
        try refused(served, ["retention", "approve", secondId, "--comment", "ok"], as: dave, code: "decisionRefused")
        try refused(served, ["retention", "approve", secondId, "--comment", "ok"], as: carol, code: "permissionDenied")
        let approveRaw = try served.problem(post: "retention/requests/\(secondId)/approve", #"{"comment":"ok"}"#, as: dave)
        #expect(approveRaw.code == "decisionRefused")
        #expect(try served.problem(post: "retention/requests/\(secondId)/approve", #"{"comment":"ok"}"#, as: carol).code
            == "notPermitted")
        let pending = try served.medlake(["retention", "list", "--json"], as: served.bob)
        #expect(try decode([RequestJSON].self, pending).first { $0.id == second.id }?.state == "pending")
        let approved = try served.medlake(["retention", "approve", secondId, "--comment", "consent ended", "--json"], as: served.bob)
        let done = try decode(RequestJSON.self, approved)
        #expect(done.state == "done" && done.deleted == planned, "\(approved.stderr)")

        // Execute (finishing what a failure left): an operator, curator or admin; not the annotator.
        try refused(served, ["retention", "execute", secondId], as: dave, code: "permissionDenied")
        #expect(try served.problem(post: "retention/requests/\(secondId)/execute", "{}", as: dave).code == "notPermitted")
        let executed = try served.medlake(["retention", "execute", secondId], as: served.alice)
        #expect(executed.status == 0 && executed.stdout.contains("deletion \(secondId): done"), "\(executed.stderr)")

        // Overrides (counted from ingest): admin only; a curator and an annotator are refused, root sets one.
        let override = ["retention", "override", "ct", "--max-days", "60", "--reason", "study extended"]
        try refused(served, override, as: served.alice, code: "permissionDenied")
        try refused(served, override, as: dave, code: "permissionDenied")
        let overrideBody = #"{"dataset":"ct","maxDays":1,"reason":"mine"}"#
        #expect(try served.problem(post: "retention/overrides", overrideBody, as: dave).code == "notPermitted")
        let overridden = try served.medlake(override, as: "root")
        #expect(overridden.status == 0, "\(overridden.stderr)")
        let standing = try decode(StatusJSON.self, try served.medlake(["retention", "status", "ct", "--json"], as: served.bob))
        #expect(standing.retention.rule == "override:ct" && standing.retention.maxDays == 60)
        #expect(standing.retention.overrideReason == "study extended" && standing.holds.isEmpty)

        let log = try decode([EntryJSON].self, try served.medlake(["audit", "list", "--action", "retention.", "--json"], as: served.alice))
        #expect(log.contains { $0.action == "retention.override" && $0.actor == "root" })
        #expect(log.filter { $0.action == "retention.request" }.map(\.actor) == ["root", "root"])
        #expect(log.contains { $0.action == "retention.reject" && $0.actor == served.alice })
        #expect(log.contains { $0.action == "retention.approve" && $0.actor == served.bob })
        #expect(!log.contains { [dave, carol].contains($0.actor) && !$0.action.hasSuffix(".refused") }, "\(log.map(\.action))")
    }

    @Test func lifecyclePlanAndApplyThroughTheService() throws {
        let (served, dave) = try ServedLake.withAnnotator()
        try served.appendingConfiguration(Self.lifecycleRule)
        let carol = served.carol

        let plan = try decode(LifecyclePlanJSON.self, try served.medlake(["lifecycle", "plan", "--json"], as: dave))
        #expect(plan.moves.map(\.rule) == ["raw-to-warm"] && plan.moves.map(\.toTier) == ["warm"], "\(plan)")
        #expect(try served.medlake(["lifecycle", "plan"], as: served.alice).stdout.contains("raw-to-warm"))
        try refused(served, ["lifecycle", "plan"], as: carol, code: "permissionDenied")
        #expect(try served.problem(get: "lifecycle/plan", as: carol).code == "notPermitted")

        // Queueing needs an operator or admin: the annotator, a curator and carol are refused, root queues.
        for user in [dave, served.alice, carol] {
            try refused(served, ["lifecycle", "apply"], as: user, code: "permissionDenied")
        }
        let raw = try served.problem(post: "lifecycle/apply", "{}", as: dave)
        #expect(raw.code == "notPermitted" && raw.status == 403)
        #expect(try decode([JobJSON].self, try served.medlake(["migrate", "list", "--json"], as: dave)).isEmpty)
        let applied = try served.medlake(["lifecycle", "apply", "--json"], as: "root")
        let jobs = try decode([JobJSON].self, applied)
        #expect(jobs.map(\.toTier) == ["warm"] && jobs.map(\.state) == ["queued"], "\(applied.stderr)")
        let again = try served.medlake(["lifecycle", "apply"], as: "root")
        #expect(again.stdout.contains("Nothing to move."), "objects in a queued job are not planned twice")

        let log = try decode([EntryJSON].self, try served.medlake(["audit", "list", "--action", "migration.", "--json"], as: dave))
        #expect(log.filter { $0.action == "migration.queue" }.map(\.actor) == ["root"])
    }
}
