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
/// - ``CatalogQueries``, ``FlagOperations``, ``GovernanceOperations``, ``TierOperations``,
///   ``AuditOperations``, ``IdentityQueries``, ``TokenOperations``
public protocol LakeAPI:
    CatalogQueries, FlagOperations, GovernanceOperations, TierOperations, AuditOperations, IdentityQueries,
    TokenOperations {}

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
}

/// Versions, and promotions between zones with four-eyes approval.
public protocol GovernanceOperations: Sendable {
    /// A dataset's versions, oldest first (the draft last).
    func versions(_ query: VersionQuery) async throws -> Page<VersionOverview>
    /// Promotions, newest first, optionally in one state.
    func promotions(_ query: PromotionQuery) async throws -> Page<PromotionSummary>
    /// One promotion with its checks and decisions.
    func promotion(id: Int64) async throws -> PromotionSummary
    /// Asks for `request.source` to be promoted; policy checks run now.
    func requestPromotion(_ request: PromotionRequest) async throws -> PromotionSummary
    /// Approves as the caller (never the requester; a person counts once).
    func approvePromotion(id: Int64, comment: String) async throws -> PromotionSummary
    /// Rejects as the caller.
    func rejectPromotion(id: Int64, comment: String) async throws -> PromotionSummary
    /// Builds and publishes the target version of an approved promotion.
    func executePromotion(id: Int64) async throws -> PromotionSummary
}

/// Tiers and the jobs that move objects between them.
public protocol TierOperations: Sendable {
    /// Migration jobs, newest first, optionally in one state.
    func migrationJobs(_ query: MigrationJobQuery) async throws -> Page<MigrationJobOverview>
}

/// The hash-chained audit log.
public protocol AuditOperations: Sendable {
    /// Audit entries matching `query`; entries about datasets the caller may not read come withheld.
    func auditEntries(_ query: AuditQuery) async throws -> Page<AuditEntry>
    /// Re-walks the chain and reports the first bad event.
    func verifyAudit() async throws -> AuditVerification
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
