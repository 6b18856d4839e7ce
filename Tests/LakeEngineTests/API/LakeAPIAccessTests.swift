import Foundation
import Testing

@testable import LakeEngine

/// The administration areas of ``LakeAPI`` in-process: roles, grants and labels (``AccessOperations``),
/// legal holds (``RetentionOperations``), manifests by version or by bytes (``ManifestOperations``) and
/// one dataset (``CatalogQueries/dataset(named:)``), as typed values with the engine's checks.
@Suite struct LakeAPIAccessTests {
    let lake: TemporaryLake

    /// Datasets `small` and `other`, one file each; alice holds every role.
    init() throws {
        lake = try TemporaryLake()
        for name in ["small", "other"] {
            let input = try lake.inputFolder()
            try write(String(repeating: "\(name) ", count: 200), to: "\(input)/f.bin")
            _ = try lake.owner.ingest([input], dataset: name, options: IngestOptions(keepUnknown: true))
        }
    }

    @Test func roleChangesAnswerWithTheRolesInForce() async throws {
        let api: any LakeAPI = lake.owner
        let after = try await api.changeRole(RoleChange(user: "dave", role: .annotator, kind: .grant))
        #expect(after.first { $0.role == .annotator }?.users.contains("dave") == true)
        #expect(try lake.open(as: "dave").caller().roles == [.annotator])
        let revoked = try await api.changeRole(RoleChange(user: "dave", role: .annotator, kind: .revoke))
        #expect(revoked.first { $0.role == .annotator }?.users.contains("dave") == false)
        let events = try await api.auditEntries(AuditQuery(action: "config.roles"))
        #expect(events.items.filter { $0.target == "dave" }.count == 2)

        let mallory: any LakeAPI = try lake.open(as: "mallory")
        await #expect(throws: LakeError.notPermitted(user: "mallory", permission: .configure)) {
            try await mallory.changeRole(RoleChange(user: "mallory", role: .admin, kind: .grant))
        }
        await #expect(throws: LakeError.notPermitted(user: "mallory", permission: .read)) { try await mallory.roles() }
    }

    @Test func labelsAndGrantsDecideWhoReadsARestrictedDataset() async throws {
        try lake.setRoles([.admin: ["alice"], .curator: ["alice"], .annotator: ["dave"]])
        let alice: any LakeAPI = try lake.open(as: "alice")
        let dave: any LakeAPI = try lake.open(as: "dave")
        let labels = try await alice.label(
            DatasetLabels(dataset: "small", sensitivity: "restricted", consentScope: ["research", "qa"]))
        #expect(labels == DatasetLabels(dataset: "small", sensitivity: "restricted", consentScope: ["research", "qa"]))
        let shown = try await alice.dataset(named: "small")
        #expect(shown.sensitivity == "restricted" && shown.consentScope == ["research", "qa"])
        // A label left out stays as it is.
        let consentOnly = try await alice.label(DatasetLabels(dataset: "small", consentScope: ["research"]))
        #expect(consentOnly.sensitivity == "restricted" && consentOnly.consentScope == ["research"])
        await #expect(throws: LakeError.self) {
            try await alice.label(DatasetLabels(dataset: "small", sensitivity: "secret"))
        }
        await #expect(throws: LakeError.notPermitted(user: "dave", permission: .curate)) {
            try await dave.label(DatasetLabels(dataset: "other", sensitivity: "public"))
        }

        await #expect(throws: GovernanceError.self) { try await dave.studies(StudyQuery(dataset: "small")) }
        let grant = try await alice.grantAccess(
            NewGrant(user: "dave", dataset: "small", scope: .read, lifetime: 3600, reason: "review"))
        #expect(grant.user == "dave" && grant.dataset == "small" && grant.scope == .read && grant.status == .active)
        #expect(grant.expiresAt.timeIntervalSince(grant.createdAt) == 3600)
        _ = try await dave.studies(StudyQuery(dataset: "small"))
        #expect(try await dave.grants(GrantQuery()).items.map(\.id) == [grant.id])
        await #expect(throws: LakeError.notPermitted(user: "dave", permission: .configure)) {
            try await dave.grantAccess(NewGrant(user: "dave", dataset: "other", scope: .read, lifetime: 60, reason: "x"))
        }
        await #expect(throws: GovernanceError.grantWithoutRole(user: "mallory")) {
            try await alice.grantAccess(NewGrant(user: "mallory", dataset: "small", scope: .read, lifetime: 60, reason: "x"))
        }

        let revoked = try await alice.revokeAccess(grant: grant.id)
        #expect(revoked.status == .revoked && revoked.revokedBy == "alice" && revoked.dataset == "small")
        #expect(try await alice.grants(GrantQuery()).items.isEmpty)
        #expect(try await alice.grants(GrantQuery(all: true)).items.map(\.status) == [.revoked])
        await #expect(throws: GovernanceError.self) { try await dave.studies(StudyQuery(dataset: "small")) }
        await #expect(throws: LakeError.notFound(kind: "dataset", id: "nope")) { try await alice.dataset(named: "nope") }
    }

    @Test func holdsArePlacedListedAndReleased() async throws {
        let api: any LakeAPI = lake.owner
        let hold = try await api.placeHold(NewHold(target: "small", reason: "litigation"))
        #expect(hold.dataset == "small" && hold.isActive && hold.objects == 1)
        #expect(try await api.dataset(named: "small").held)
        #expect(try await api.holds(HoldQuery(dataset: "small")).items.map(\.id) == [hold.id])
        #expect(try await api.holds(HoldQuery(dataset: "other")).items.isEmpty)
        let released = try await api.releaseHold(id: hold.id, reason: "settled")
        #expect(!released.isActive && released.releaseReason == "settled")
        #expect(try await api.holds(HoldQuery()).items.isEmpty)
        #expect(try await api.holds(HoldQuery(includeReleased: true)).items.map(\.id) == [hold.id])
        await #expect(throws: RetentionError.holdReleased(hold.id)) { try await api.releaseHold(id: hold.id, reason: "again") }
        #expect(ProblemDetails(EngineFailure(RetentionError.holdReleased(hold.id))).code == .conflict)
        #expect(ProblemDetails(EngineFailure(RetentionError.holdNotFound(9))).status == 404)
    }

    @Test func manifestsAreVerifiedByVersionOrByTheirBytes() async throws {
        let api: any LakeAPI = lake.owner
        let version = try lake.owner.publishVersion(dataset: "small")
        let document = try await api.manifestDocument(version: version.reference)
        let byVersion = try await api.verifyManifest(.version(version.reference))
        #expect(byVersion.manifest == document.hash && byVersion.manifestIntact && byVersion.isIntact)
        let bytes = Array(document.text.utf8)
        let byBytes = try await api.verifyManifest(.document(name: "small.json", bytes: bytes))
        #expect(byBytes.manifest == document.hash && byBytes.manifestIntact && byBytes.okCount == byBytes.entryCount)
        // The same manifest reformatted still names the same objects, but is no longer the canonical bytes.
        let reformatted = try await api.verifyManifest(.document(name: "pretty.json", bytes: bytes + Array("\n".utf8)))
        #expect(!reformatted.manifestIntact && reformatted.okCount == reformatted.entryCount)
        await #expect(throws: (any Error).self) {
            try await api.verifyManifest(.document(name: "junk.json", bytes: Array("not json".utf8)))
        }
    }

    @Test func newQueriesRoundTripThroughURLParameters() throws {
        let grants = GrantQuery(all: true, page: PageRequest(offset: 4, limit: 9))
        #expect(try GrantQuery(parameters: Dictionary(uniqueKeysWithValues: grants.parameters)) == grants)
        let holds = HoldQuery(dataset: "a&b", includeReleased: true)
        #expect(try HoldQuery(parameters: Dictionary(uniqueKeysWithValues: holds.parameters)) == holds)
        #expect(throws: LakeError.self) { try HoldQuery(parameters: ["includeReleased": "maybe"]) }
        let requests = RetentionRequestQuery(state: .rejected, page: PageRequest(offset: 3, limit: 5))
        #expect(try RetentionRequestQuery(parameters: Dictionary(uniqueKeysWithValues: requests.parameters)) == requests)
        #expect(throws: LakeError.self) { try RetentionRequestQuery(parameters: ["state": "approved"]) }
    }
}
