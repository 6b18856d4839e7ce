/// The lake engine's public surface, one protocol per area, composed into ``LakeAPI``.
///
/// Two types implement it: ``Lake`` in-process (a personal lake, or the service itself) and `LakeClient`,
/// which sends each call to `medlake serve` over the lake's Unix socket. The CLI and the workbench are
/// written once against `any LakeAPI`, so every rule is enforced by the engine whichever way a call comes.
///
/// Every value crossing it is a `Codable`, `Sendable` value type ("API values": ``DatasetOverview``,
/// ``FlagSummary``, ``AuditEntry``…) with enums for states, never a catalog record. Listings take a
/// ``PageRequest`` and return a ``Page``: paging, filtering and sorting happen where the engine runs, so a
/// client never pulls a whole catalog.
///
/// Calls are `async` because one of the transports is a socket; ``Lake`` answers synchronously.
///
/// ## Topics
/// - ``CatalogQueries``, ``FlagOperations``, ``GovernanceOperations``, ``ManifestOperations``,
///   ``AccessOperations``, ``RetentionOperations``, ``TierOperations``, ``AuditOperations``, ``IdentityQueries``,
///   ``TokenOperations``, ``ChangeFeed``, ``StageOperations``, ``IngestOperations``, ``RunOperations``,
///   ``InspectionQueries``, ``LifecycleOperations``, ``IntegrityOperations``, ``ReviewOperations``
public protocol LakeAPI:
    CatalogQueries, FlagOperations, GovernanceOperations, ManifestOperations, AccessOperations, RetentionOperations,
    TierOperations, AuditOperations, IdentityQueries, TokenOperations, ChangeFeed, StageOperations, IngestOperations,
    RunOperations, InspectionQueries, LifecycleOperations, IntegrityOperations, ReviewOperations
{}

// MARK: - Areas

/// Who is calling and what they may do.
public protocol IdentityQueries: Sendable {
    /// The acting user (for the service: the socket peer, as the kernel reports it) and their roles.
    func caller() async throws -> Caller
}

/// Listings of what the catalog holds.
public protocol CatalogQueries: Sendable {
    /// Datasets with their counts, filtered and sorted as `query` says.
    func datasets(_ query: DatasetQuery) async throws -> Page<DatasetOverview>
    /// One dataset with its counts, labels and standing.
    func dataset(named name: String) async throws -> DatasetOverview
    /// The studies of one dataset, in study UID order. A restricted dataset needs a reading role or a grant.
    func studies(_ query: StudyQuery) async throws -> Page<StudyOverview>
    /// The series of one dataset, optionally of one study, in series UID order.
    func series(_ query: SeriesQuery) async throws -> Page<SeriesOverview>
    /// Samples across readable datasets (or of one dataset), in dataset and name order.
    func samples(_ query: SampleQuery) async throws -> Page<SampleOverview>
    /// Series and instance counts by modality, over the lake or one dataset.
    func modalities(dataset: String?) async throws -> [ModalityOverview]
}

/// Quality flags: listing, raising and closing them.
public protocol FlagOperations: Sendable {
    /// Flags matching `query`; flags of restricted datasets the caller may not read are left out.
    func flags(_ query: FlagQuery) async throws -> Page<FlagSummary>
    /// Raises a flag as the caller.
    func raiseFlag(_ request: NewFlag) async throws -> FlagSummary
    /// Resolves or waives an open flag as the caller.
    func closeFlag(id: Int64, _ closing: FlagClosing) async throws -> FlagSummary
    /// Opens a resolved or waived flag again as the caller, saying why (audited).
    func reopenFlag(id: Int64, _ reopening: FlagReopening) async throws -> FlagSummary
    /// The lake's flag vocabulary in code order, or the codes that fit targets of `kind`.
    func flagVocabulary(_ query: FlagCodeQuery) async throws -> [FlagCode]
}

/// Versions, and promotions between zones with four-eyes approval.
public protocol GovernanceOperations: Sendable {
    /// The lake's zones in promotion order with their published versions (a reading role).
    func zones() async throws -> [ZoneOverview]
    /// A dataset's versions, oldest first (the draft last).
    func versions(_ query: VersionQuery) async throws -> Page<VersionOverview>
    /// Publishes a dataset's current members as an immutable version (curator or admin; audited).
    func publishVersion(of dataset: String) async throws -> VersionOverview
    /// Promotions, newest first, optionally in one state.
    func promotions(_ query: PromotionQuery) async throws -> Page<PromotionSummary>
    /// One promotion with its checks and decisions.
    func promotion(id: Int64) async throws -> PromotionSummary
    /// A promotion's manifest diff: its source against the version it built, or (before execution) against
    /// the selection it will keep.
    func promotionDiff(id: Int64) async throws -> ManifestDiff
    /// Asks for `request.source` to be promoted; policy checks run now.
    func requestPromotion(_ request: PromotionRequest) async throws -> PromotionSummary
    /// Approves as the caller (never the requester; a person counts once).
    func approvePromotion(id: Int64, comment: String) async throws -> PromotionSummary
    /// Rejects as the caller.
    func rejectPromotion(id: Int64, comment: String) async throws -> PromotionSummary
    /// Builds and publishes the target version of an approved promotion.
    func executePromotion(id: Int64) async throws -> PromotionSummary
}

/// The canonical manifests of published versions.
public protocol ManifestOperations: Sendable {
    /// A published version's canonical manifest (its SHA-256 is the version's id).
    func manifestDocument(version: String) async throws -> ManifestDocument
    /// Re-hashes every object of a manifest wherever it lives now and reports missing, corrupt and
    /// archived ones.
    func verifyManifest(_ source: ManifestSource) async throws -> ManifestVerification
}

/// Who may do what: roles, expiring grants on datasets, and the labels that make a dataset restricted.
public protocol AccessOperations: Sendable {
    /// Every role with the users holding it.
    func roles() async throws -> [RoleMembers]
    /// Gives or takes a role (admin only; audited). Answers with the roles in force afterwards.
    func changeRole(_ change: RoleChange) async throws -> [RoleMembers]
    /// Grants, newest first; those on restricted datasets only to whoever may see them.
    func grants(_ query: GrantQuery) async throws -> Page<GrantOverview>
    /// Gives a user expiring access to a dataset (admin only; audited). The user must hold a role.
    func grantAccess(_ request: NewGrant) async throws -> GrantOverview
    /// Ends a grant now (admin only; audited).
    func revokeAccess(grant id: Int64) async throws -> GrantOverview
    /// Sets a dataset's sensitivity label and/or consent scope (curator or admin; audited).
    func label(_ labels: DatasetLabels) async throws -> DatasetLabels
}

/// Legal holds (objects they cover are never deleted or moved where a restore is needed), deprecations, and
/// deletions by retention policy with four-eyes approval.
public protocol RetentionOperations: Sendable {
    /// Legal holds, newest first.
    func holds(_ query: HoldQuery) async throws -> Page<LegalHoldSummary>
    /// Puts a hold on a dataset or one version (admin only; audited).
    func placeHold(_ request: NewHold) async throws -> LegalHoldSummary
    /// Releases a hold (admin only; audited); it stays listed as history.
    func releaseHold(id: Int64, reason: String) async throws -> LegalHoldSummary
    /// Marks a dataset deprecated in favour of a published version of another (curator or admin; audited).
    func deprecate(_ request: NewDeprecation) async throws -> DeprecationSummary
    /// What the retention policies let go now, per rule and dataset, and what they keep back.
    func retentionPlan() async throws -> RetentionPlan
    /// How long a dataset is kept, its legal holds, its deprecation and its latest quality score.
    func retentionStatus(of dataset: String) async throws -> RetentionStatus
    /// Gives a dataset a keep period of its own instead of the `lake.toml` policy (admin only; audited).
    func overrideRetention(_ request: NewRetentionOverride) async throws -> RetentionStanding
    /// Deletion requests, newest first, optionally in one state.
    func retentionRequests(_ query: RetentionRequestQuery) async throws -> Page<RetentionRequestSummary>
    /// One deletion request with its decisions.
    func retentionRequest(id: Int64) async throws -> RetentionRequestSummary
    /// Queues what the plan lets go as one deletion request (operator or admin; audited); nothing is deleted
    /// before approval.
    func requestRetentionDeletion(reason: String) async throws -> RetentionRequestSummary
    /// Approves as the caller (never the requester; a person counts once); the last approval deletes.
    func approveRetentionDeletion(id: Int64, comment: String) async throws -> RetentionRequestSummary
    /// Rejects as the caller; nothing is deleted.
    func rejectRetentionDeletion(id: Int64, comment: String) async throws -> RetentionRequestSummary
    /// Removes the bytes an approved deletion left behind (operator, curator or admin).
    func executeRetention(id: Int64) async throws -> RetentionRequestSummary
}

/// Tiers and the jobs that move objects between them.
public protocol TierOperations: Sendable {
    /// Objects and bytes per tier, every configured tier listed (empty ones with zeros), by name, with
    /// whether it needs a restore (a reading role).
    func tierOccupancy() async throws -> [TierOccupancy]
    /// Migration jobs, newest first, optionally in one state.
    func migrationJobs(_ query: MigrationJobQuery) async throws -> Page<MigrationJobOverview>
    /// One migration job with its progress.
    func job(id: Int64) async throws -> MigrationJobOverview
    /// Queues a migration or a restore; a worker (`medlake worker`) runs it.
    func queueJob(_ request: MigrationRequest) async throws -> MigrationJobOverview
    /// Pauses, resumes or cancels a job.
    func controlJob(id: Int64, _ action: JobAction) async throws -> MigrationJobOverview
    /// Checks an S3 tier end to end with the lake's credentials: endpoint, credentials, bucket, then a
    /// probe object written, read back and deleted (operators and admins).
    func checkTier(named name: String) async throws -> TierCheck
}

/// The lake's own consistency: catalog, tiers and audit log checked against each other.
public protocol IntegrityOperations: Sendable {
    /// Checks every object in its tier, orphans, temporary files, tier identities and the audit chain, and
    /// with `repair` removes provable garbage (admin only; audited as `lake.fsck`).
    func checkLake(_ request: FsckRequest) async throws -> FsckReport
}

/// The hash-chained audit log.
public protocol AuditOperations: Sendable {
    /// Audit entries matching `query`; entries about datasets the caller may not read come withheld.
    func auditEntries(_ query: AuditQuery) async throws -> Page<AuditEntry>
    /// Re-walks the chain and reports the first bad event.
    func verifyAudit() async throws -> AuditVerification
}

/// Live changes: what a pane or a `--watch` waits on instead of re-reading on a timer.
public protocol ChangeFeed: Sendable {
    /// A stream with one ``CatalogChange`` after each commit to the catalog (several close together may
    /// arrive as one), from the moment this returns until the stream is dropped. Needs a reading role.
    /// In-process it watches the catalog; through the service it is pushed as server-sent events.
    func changes() async throws -> AsyncThrowingStream<CatalogChange, any Error>
}

/// Bearer tokens of service accounts, the callers of the lake service over TCP (admins only).
public protocol TokenOperations: Sendable {
    /// Makes a token; its secret is in the answer and never again.
    func createToken(_ request: NewToken) async throws -> IssuedToken
    /// Every token with its state, in name order; no secrets.
    func tokens() async throws -> [TokenOverview]
    /// Ends a token now.
    func revokeToken(name: String) async throws -> TokenOverview
}

/// Bringing files into the lake.
public protocol IngestOperations: Sendable {
    /// Ingests the files and folders `paths` into dataset `name` (created in the ingest zone if new), as
    /// ``Lake/ingest(_:dataset:options:progress:)`` does.
    ///
    /// The caller's process reads the files with its own rights: through the service they travel as bytes
    /// (``IngestUploadFormat``), and the service never opens a path the caller names. `progress` is
    /// called as files are read (through the service) or batches committed (in-process).
    func ingest(
        files paths: [SourcePath], dataset name: String, keepUnknown: Bool,
        progress: (@Sendable (IngestProgress) -> Void)?
    ) async throws -> IngestReport

    /// Pulls a DICOM server's instances into a dataset (Orthanc: the changes after the dataset's cursor for
    /// that server, or `since`; DICOMweb: every instance listed).
    ///
    /// The caller's process talks to the server, with `credentials` and its own network: through the
    /// service it streams the instances as an upload whose cursor records the service commits with each
    /// batch, so the service never fetches a URL for a caller. `progress` is called after each batch.
    func pull(
        _ pull: RemotePull, credentials: RemoteCredentials?, progress: (@Sendable (IngestProgress) -> Void)?
    ) async throws -> IngestReport

    /// Where the dataset's pulls from one server stopped (callers allowed to ingest).
    func remoteSource(_ query: RemoteSourceQuery) async throws -> RemoteSourceOverview

    /// Those of `sopInstanceUIDs` (at most ``Lake/cataloguedInstancesLimit``) the dataset already catalogs
    /// (callers allowed to ingest): a DICOMweb pull through the service retrieves only the others.
    func cataloguedInstances(dataset: String, among sopInstanceUIDs: [String]) async throws -> Set<String>
}
