import Foundation
import Testing

/// Four-eyes, roles, grants and labels through the lake service, by real Unix users from the CLI: alice
/// and bob (curators), dave (an annotator, made one by root through the service), carol (no role) and
/// root (the admin). The kernel names each caller; the engine behind the socket decides.
@Suite(.serialized, .enabled(if: UnixUsers.available, "needs root to create Unix users"))
struct ServiceGovernanceCLITests {
    private struct ShownJSON: Decodable {
        var promotion: PromotionJSON
    }

    private struct DatasetJSON: Decodable, Equatable {
        var name: String
        var sensitivity: String
        var consentScope: [String]
    }

    private struct GrantJSON: Decodable, Equatable {
        var id: Int64
        var user: String
        var dataset: String
        var status: String
    }

    private struct FlagJSON: Decodable {
        var id: Int64
        var author: String
        var state: String
    }

    private struct HoldJSON: Decodable {
        var id: Int64
        var releasedBy: String?
    }

    private struct CodeJSON: Decodable {
        var code: String
        var domain: String
    }

    private struct VersionJSON: Decodable, Equatable {
        var reference: String
        var state: String
        var createdBy: String
        var manifestHash: String?
    }

    @Test func fourEyesRolesAndFlagsThroughTheService() throws {
        let (served, dave) = try ServedLake.withAnnotator()
        let roles = try served.medlake(["roles", "list", "--json"], as: served.alice)
        #expect(roles.status == 0, "\(roles.stdout)\(roles.stderr)")
        #expect(try decode([String: [String]].self, roles)["annotator"]?.contains(dave) == true, "\(roles.stdout)")
        // ct holds no patient data anyone should be kept from here: an annotator reads it by role.
        let relabelled = try served.medlake(["label", "ct", "--sensitivity", "internal"], as: served.alice)
        #expect(relabelled.status == 0, "\(relabelled.stderr)")

        // carol (no role) may not give herself one: refused with the stable code, and nothing changes.
        let selfMade = try served.medlake(["roles", "grant", served.carol, "admin", "--json"], as: served.carol)
        #expect(selfMade.status == 1)
        #expect(try failure(selfMade) == "permissionDenied")
        let raw = try served.problem(post: "roles", #"{"user":"\#(served.carol)","role":"admin","kind":"grant"}"#, as: served.carol)
        #expect(raw.code == "notPermitted" && raw.status == 403)
        let rolesAfter = try served.medlake(["roles", "list", "--json"], as: served.alice)
        #expect(rolesAfter.stdout == roles.stdout)

        // The requester cannot approve their own promotion, an annotator and carol cannot approve at all;
        // a second curator can. Every refusal is audited.
        let requested = try served.medlake(
            ["promote", "request", "ct@2", "--to", "curated", "--reason", "lab", "--json"], as: served.alice)
        #expect(requested.status == 0, "\(requested.stderr)")
        let promotion = try decode(PromotionJSON.self, requested)
        for user in [served.alice, dave, served.carol] {
            let refused = try served.medlake(["promote", "approve", String(promotion.id), "--comment", "ok"], as: user)
            #expect(refused.status == 1, "\(user) approved")
        }
        let own = try served.problem(post: "promotions/\(promotion.id)/approve", #"{"comment":"again"}"#, as: served.alice)
        #expect(own.code == "decisionRefused" && own.status == 403)
        let byAnnotator = try served.problem(post: "promotions/\(promotion.id)/approve", #"{"comment":"x"}"#, as: dave)
        #expect(byAnnotator.code == "decisionRefused")
        let pending = try served.medlake(["promote", "show", String(promotion.id), "--json"], as: served.bob)
        #expect(try decode(ShownJSON.self, pending).promotion.state == "pending", "\(pending.stderr)")
        let approved = try served.medlake(
            ["promote", "approve", String(promotion.id), "--comment", "checked", "--json"], as: served.bob)
        #expect(approved.status == 0, "\(approved.stderr)")
        let done = try decode(PromotionJSON.self, approved)
        #expect(done.state == "executed" && done.target == "ct@3")

        // The annotator raises and resolves flags, but may not grant access or label.
        let raised = try served.medlake(["flags", "add", "ct", "needs-review", "--note", "look", "--json"], as: dave)
        #expect(raised.status == 0, "\(raised.stderr)")
        let flag = try decode(FlagJSON.self, raised)
        #expect(flag.author == dave)
        let resolved = try served.medlake(["flags", "resolve", String(flag.id), "--note", "fine", "--json"], as: dave)
        #expect(resolved.status == 0, "\(resolved.stderr)")
        #expect(try decode(FlagJSON.self, resolved).state == "resolved")
        let grant = try served.medlake(
            ["grant", "create", served.carol, "ct", "--expires", "1h", "--reason", "help", "--json"], as: dave)
        #expect(try failure(grant) == "permissionDenied", "\(grant.stderr)")
        let label = try served.medlake(["label", "ct", "--sensitivity", "public", "--json"], as: dave)
        #expect(try failure(label) == "permissionDenied", "\(label.stderr)")

        let log = try decode(
            [EntryJSON].self, try served.medlake(["audit", "list", "--json"], as: served.alice))
        #expect(log.contains { $0.action == "config.roles" && $0.actor == "root" && $0.target == dave })
        let refusals = log.filter { $0.action == "promotion.approve.refused" }.map(\.actor)
        #expect(Set(refusals) == [served.alice, dave, served.carol], "\(refusals)")
        #expect(log.contains { $0.action == "promotion.approve" && $0.actor == served.bob })
        #expect(!log.contains { $0.action == "promotion.approve" && $0.actor != served.bob })
        #expect(!log.contains { $0.action == "grant.create" })
        #expect(!log.contains { $0.action == "dataset.label" && $0.actor == dave })
        let verified = try served.medlake(["audit", "verify"], as: served.bob)
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
    }

    @Test func grantsAndLabelsThroughTheService() throws {
        let (served, dave) = try ServedLake.withAnnotator()
        let before = try served.medlake(["datasets", "--json"], as: served.alice)
        let auditBefore = try decode([EntryJSON].self, try served.medlake(["audit", "list", "--json"], as: served.alice))

        // carol (no role) is refused labels, grants and promotions, each with its stable code; nothing changes.
        for arguments in [
            ["label", "ct", "--sensitivity", "public"],
            ["grant", "create", served.carol, "ct", "--expires", "1h", "--reason", "mine"],
            ["promote", "request", "ct@2", "--to", "curated", "--reason", "mine"],
        ] {
            let refused = try served.medlake(arguments + ["--json"], as: served.carol)
            #expect(refused.status == 1, "\(arguments)")
            #expect(try failure(refused) == "permissionDenied", "\(arguments): \(refused.stderr)")
        }
        #expect(try served.problem(post: "labels", #"{"dataset":"ct","sensitivity":"public"}"#, as: served.carol).code == "notPermitted")
        let grantBody = #"{"user":"\#(served.carol)","dataset":"ct","scope":"read","lifetime":3600,"reason":"x"}"#
        #expect(try served.problem(post: "grants", grantBody, as: served.carol).code == "notPermitted")
        // Nor can the admin give her a grant: without a role a grant would do nothing, so it is refused.
        let toCarol = try served.problem(post: "grants", grantBody, as: "root")
        #expect(toCarol.code == "decisionRefused" && toCarol.status == 403)
        let after = try served.medlake(["datasets", "--json"], as: served.alice)
        #expect(after.stdout == before.stdout)
        let grantsNow = try served.medlake(["grant", "list", "--all", "--json"], as: "root")
        #expect(try decode([GrantJSON].self, grantsNow).isEmpty, "\(grantsNow.stderr)")
        let promotions = try served.medlake(["promote", "list", "--json"], as: served.alice)
        #expect(try decode([PromotionJSON].self, promotions).isEmpty)
        let auditAfter = try decode([EntryJSON].self, try served.medlake(["audit", "list", "--json"], as: served.alice))
        #expect(auditAfter.count == auditBefore.count)

        // Labels set through the service appear in `datasets --json` and `dataset show`.
        let labelled = try served.medlake(
            ["label", "ct", "--sensitivity", "restricted", "--consent", "research, qa"], as: served.alice)
        #expect(labelled.status == 0, "\(labelled.stderr)")
        let listed = try decode([DatasetJSON].self, try served.medlake(["datasets", "--json"], as: served.alice))
        #expect(listed == [DatasetJSON(name: "ct", sensitivity: "restricted", consentScope: ["research", "qa"])])
        let shown = try served.medlake(["dataset", "show", "ct", "--json"], as: served.bob)
        #expect(try decode(DatasetJSON.self, shown) == listed[0], "\(shown.stderr)")

        // The annotator may not read the restricted dataset until root grants it, and not after the revoke.
        let denied = try served.medlake(["studies", "ct", "--json"], as: dave)
        #expect(denied.status == 1)
        #expect(denied.stderr.contains("ct"), "\(denied.stderr)")
        let granted = try served.medlake(
            ["grant", "create", dave, "ct", "--expires", "2h", "--reason", "review", "--json"], as: "root")
        #expect(granted.status == 0, "\(granted.stderr)")
        let grant = try decode(GrantJSON.self, granted)
        #expect(grant == GrantJSON(id: grant.id, user: dave, dataset: "ct", status: "active"))
        let read = try served.medlake(["studies", "ct", "--json"], as: dave)
        #expect(read.status == 0, "\(read.stderr)")
        #expect(try decode([StudyJSON].self, read).count == 1)
        let live = try decode([GrantJSON].self, try served.medlake(["grant", "list", "--json"], as: dave))
        #expect(live == [grant])
        let revoked = try served.medlake(["grant", "revoke", String(grant.id), "--json"], as: "root")
        #expect(try decode(GrantJSON.self, revoked).status == "revoked", "\(revoked.stderr)")
        let deniedAgain = try served.medlake(["studies", "ct"], as: dave)
        #expect(deniedAgain.status == 1)

        let log = try decode([EntryJSON].self, try served.medlake(["audit", "list", "--json"], as: served.alice))
        #expect(log.contains { $0.action == "dataset.label" && $0.actor == served.alice && $0.target == "ct" })
        #expect(log.contains { $0.action == "grant.create" && $0.actor == "root" })
        #expect(log.contains { $0.action == "dataset.read" && $0.actor == dave })
        #expect(log.contains { $0.action == "grant.revoke" && $0.actor == "root" })
        let verified = try served.medlake(["audit", "verify"], as: served.bob)
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
    }

    @Test func reopenPublishAndDeprecateThroughTheService() throws {
        let (served, dave) = try ServedLake.withAnnotator()
        let codes = try served.medlake(["flags", "codes", "--for", "sample", "--json"], as: dave)
        #expect(codes.status == 0, "\(codes.stderr)")
        let vocabulary = try decode([CodeJSON].self, codes)
        #expect(vocabulary.contains { $0.code == "needs-review" } && !vocabulary.contains { $0.domain == "imaging" })

        // An annotator reopens the flag they resolved; carol (no role) may not reopen it, and it stays resolved.
        let relabelled = try served.medlake(["label", "ct", "--sensitivity", "internal"], as: served.alice)
        #expect(relabelled.status == 0, "\(relabelled.stderr)")
        let raised = try served.medlake(["flags", "add", "ct", "needs-review", "--note", "look", "--json"], as: dave)
        #expect(raised.status == 0, "\(raised.stderr)")
        let flag = try decode(FlagJSON.self, raised)
        let resolve = ["flags", "resolve", String(flag.id), "--note", "fine", "--json"]
        #expect(try served.medlake(resolve, as: dave).status == 0)
        let reopened = try served.medlake(["flags", "reopen", String(flag.id), "--note", "not fine", "--json"], as: dave)
        #expect(reopened.status == 0, "\(reopened.stderr)")
        #expect(try decode(FlagJSON.self, reopened).state == "open")
        #expect(try served.medlake(resolve, as: dave).status == 0)
        let byCarol = try served.medlake(["flags", "reopen", String(flag.id), "--note", "mine", "--json"], as: served.carol)
        #expect(byCarol.status == 1)
        #expect(try failure(byCarol) == "permissionDenied", "\(byCarol.stderr)")
        let raw = try served.problem(post: "flags/\(flag.id)/reopen", #"{"note":"raw"}"#, as: served.carol)
        #expect(raw.code == "notPermitted" && raw.status == 403)
        let flags = try served.medlake(["flags", "list", "--json"], as: served.alice)
        #expect(try decode([FlagJSON].self, flags).first { $0.id == flag.id }?.state == "resolved", "\(flags.stdout)")

        // A curator publishes through the service; carol may not, and the versions stay as they were.
        let before = try served.medlake(["version", "list", "ct", "--json"], as: served.bob)
        let refused = try served.medlake(["version", "publish", "ct", "--json"], as: served.carol)
        #expect(try failure(refused) == "permissionDenied", "\(refused.stderr)")
        #expect(try served.medlake(["version", "list", "ct", "--json"], as: served.bob).stdout == before.stdout)
        let published = try served.medlake(["version", "publish", "ct", "--json"], as: served.alice)
        #expect(published.status == 0, "\(published.stderr)")
        let version = try decode(VersionJSON.self, published)
        #expect(version.createdBy == served.alice && version.state == "published")
        let versions = try decode([VersionJSON].self, try served.medlake(["version", "list", "ct", "--json"], as: served.bob))
        #expect(versions.contains(version), "\(versions)")

        // Deprecation rules stay the engine's: a dataset cannot succeed itself (refused with the same code as
        // in-process), and carol may not deprecate at all.
        let deprecate = ["dataset", "deprecate", "ct", "--successor", version.reference, "--reason", "old", "--json"]
        #expect(try failure(try served.medlake(deprecate, as: served.alice)) == "invalidArgument")
        #expect(try failure(try served.medlake(deprecate, as: served.carol)) == "permissionDenied")

        // A grant for a user holding no role is a refused decision, with the service's code in the CLI too.
        let grant = try served.medlake(
            ["grant", "create", served.carol, "ct", "--expires", "1h", "--reason", "help", "--json"], as: "root")
        #expect(try failure(grant) == "decisionRefused", "\(grant.stderr)")
        let log = try decode([EntryJSON].self, try served.medlake(["audit", "list", "--json"], as: served.alice))
        #expect(log.contains { $0.action == "flag.reopen" && $0.actor == dave })
        #expect(!log.contains { $0.action == "flag.reopen" && $0.actor == served.carol })
        #expect(log.contains { $0.action == "version.publish" && $0.actor == served.alice && $0.target == version.reference })
        #expect(!log.contains { $0.action == "dataset.deprecate" })
    }

    @Test func holdsMigrationsAndManifestsThroughTheService() throws {
        let served = try ServedLake()
        // Holds are the admin's: a curator and a user with no role are refused.
        for user in [served.alice, served.carol] {
            let refused = try served.medlake(["hold", "add", "ct", "--reason", "mine", "--json"], as: user)
            #expect(try failure(refused) == "permissionDenied", "\(user): \(refused.stderr)")
        }
        let held = try served.medlake(["hold", "add", "ct", "--reason", "litigation", "--json"], as: "root")
        #expect(held.status == 0, "\(held.stderr)")
        let hold = try decode(HoldJSON.self, held)

        // Held objects may not move where a restore is needed; a curator without the operator role may not
        // queue jobs at all.
        let toArchive = try served.problem(
            post: "migrations", #"{"dataset":"ct","tier":"archive","kind":"migrate"}"#, as: "root")
        #expect(toArchive.code == "policyRefused" && toArchive.status == 422)
        // The CLI reports the engine's refusal with the same stable code, not a bare `failed`.
        let archiveByCLI = try served.medlake(["migrate", "start", "ct", "--to", "archive", "--json"], as: "root")
        #expect(try failure(archiveByCLI) == "policyRefused", "\(archiveByCLI.stderr)")
        let byCurator = try served.medlake(["migrate", "start", "ct", "--to", "warm", "--json"], as: served.bob)
        #expect(try failure(byCurator) == "permissionDenied", "\(byCurator.stderr)")
        let queued = try served.medlake(["migrate", "start", "ct", "--to", "warm", "--json"], as: "root")
        #expect(queued.status == 0, "\(queued.stderr)")
        let job = try decode(JobJSON.self, queued)
        #expect(job.state == "queued" && job.toTier == "warm")
        let unfinished = try served.medlake(["migrate", "status", "--json"], as: served.bob)
        #expect(try decode([JobJSON].self, unfinished).map(\.id) == [job.id], "\(unfinished.stderr)")
        for (action, state) in [("pause", "paused"), ("resume", "queued"), ("cancel", "cancelled")] {
            let controlled = try served.medlake(["migrate", action, String(job.id), "--json"], as: "root")
            #expect(controlled.status == 0, "\(action): \(controlled.stderr)")
            #expect(try decode(JobJSON.self, controlled).state == state, "\(action)")
        }
        let released = try served.medlake(
            ["hold", "release", String(hold.id), "--reason", "settled", "--json"], as: "root")
        #expect(try decode(HoldJSON.self, released).releasedBy == "root", "\(released.stderr)")
        let releasedAgain = try served.medlake(
            ["hold", "release", String(hold.id), "--reason", "twice", "--json"], as: "root")
        #expect(try failure(releasedAgain) == "conflict", "\(releasedAgain.stderr)")
        let holds = try served.medlake(["hold", "list", "--all", "--json"], as: served.alice)
        #expect(try decode([HoldJSON].self, holds).map(\.id) == [hold.id])

        // Manifests: by version through the service, or as a file the caller reads themself and sends.
        let byVersion = try served.medlake(["manifest", "verify", "ct@2", "--json"], as: served.alice)
        #expect(byVersion.status == 0, "\(byVersion.stderr)")
        let verified = try decode(VerificationJSON.self, byVersion)
        #expect(verified.manifestIntact && verified.okCount == verified.entryCount && verified.entryCount == 4)
        let file = served.base + "/ct-2.json"
        let exported = try served.medlake(["manifest", "export", "ct@2", "--output", file], as: "root")
        #expect(exported.status == 0, "\(exported.stderr)")
        let byFile = try served.medlake(["manifest", "verify", file, "--json"], as: "root")
        #expect(try decode(VerificationJSON.self, byFile).manifest == verified.manifest, "\(byFile.stderr)")
        // A path only the service may read stays unread: the CLI opens it as the caller and fails there.
        let theirs = try served.medlake(["manifest", "verify", served.lake + "/lake.toml", "--json"], as: served.alice)
        #expect(theirs.status == 1)
        #expect(try failure(theirs) == "permissionDenied", "\(theirs.stderr)")
        let verifiedLog = try served.medlake(["audit", "verify"], as: served.bob)
        #expect(verifiedLog.status == 0, "\(verifiedLog.stdout)\(verifiedLog.stderr)")
    }
}
