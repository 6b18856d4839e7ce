import LakeEngine

/// Each ``LakeAPI`` call as its route under `/v1` (the service's `LakeServer+Routes.swift` lists the same).
extension LakeClient {
    // MARK: - Identity

    public func caller() async throws -> Caller { try await get("caller") }

    // MARK: - Catalog

    public func datasets(_ query: DatasetQuery) async throws -> Page<DatasetOverview> {
        try await get("datasets", query.parameters)
    }

    public func dataset(named name: String) async throws -> DatasetOverview {
        try await get("dataset", [("name", name)])
    }

    public func studies(_ query: StudyQuery) async throws -> Page<StudyOverview> {
        try await get("studies", query.parameters)
    }

    public func series(_ query: SeriesQuery) async throws -> Page<SeriesOverview> {
        try await get("series", query.parameters)
    }

    public func samples(_ query: SampleQuery) async throws -> Page<SampleOverview> {
        try await get("samples", query.parameters)
    }

    public func modalities(dataset: String?) async throws -> [ModalityOverview] {
        try await get("modalities", dataset.map { [("dataset", $0)] } ?? [])
    }

    // MARK: - Flags

    public func flags(_ query: FlagQuery) async throws -> Page<FlagSummary> { try await get("flags", query.parameters) }

    public func raiseFlag(_ request: NewFlag) async throws -> FlagSummary { try await post("flags", request) }

    public func closeFlag(id: Int64, _ closing: FlagClosing) async throws -> FlagSummary {
        try await post("flags/\(id)/close", closing)
    }

    public func reopenFlag(id: Int64, _ reopening: FlagReopening) async throws -> FlagSummary {
        try await post("flags/\(id)/reopen", reopening)
    }

    public func flagVocabulary(_ query: FlagCodeQuery) async throws -> [FlagCode] {
        try await get("flag-codes", query.parameters)
    }

    // MARK: - Governance

    public func zones() async throws -> [ZoneOverview] { try await get("zones") }

    public func versions(_ query: VersionQuery) async throws -> Page<VersionOverview> {
        try await get("versions", query.parameters)
    }

    public func publishVersion(of dataset: String) async throws -> VersionOverview {
        try await post("versions", VersionPublication(dataset: dataset))
    }

    public func promotions(_ query: PromotionQuery) async throws -> Page<PromotionSummary> {
        try await get("promotions", query.parameters)
    }

    public func promotion(id: Int64) async throws -> PromotionSummary { try await get("promotions/\(id)") }

    public func promotionDiff(id: Int64) async throws -> ManifestDiff { try await get("promotions/\(id)/diff") }

    public func requestPromotion(_ request: PromotionRequest) async throws -> PromotionSummary {
        try await post("promotions", request)
    }

    public func approvePromotion(id: Int64, comment: String) async throws -> PromotionSummary {
        try await post("promotions/\(id)/approve", PromotionComment(comment: comment))
    }

    public func rejectPromotion(id: Int64, comment: String) async throws -> PromotionSummary {
        try await post("promotions/\(id)/reject", PromotionComment(comment: comment))
    }

    public func executePromotion(id: Int64) async throws -> PromotionSummary {
        try await post("promotions/\(id)/execute", [String: String]())
    }

    // MARK: - Manifests

    public func manifestDocument(version: String) async throws -> ManifestDocument {
        try await get("manifest", [("version", version)])
    }

    public func verifyManifest(_ source: ManifestSource) async throws -> ManifestVerification {
        try await post("manifest/verification", source)
    }

    // MARK: - Access

    public func roles() async throws -> [RoleMembers] { try await get("roles") }

    public func changeRole(_ change: RoleChange) async throws -> [RoleMembers] { try await post("roles", change) }

    public func grants(_ query: GrantQuery) async throws -> Page<GrantOverview> {
        try await get("grants", query.parameters)
    }

    public func grantAccess(_ request: NewGrant) async throws -> GrantOverview { try await post("grants", request) }

    public func revokeAccess(grant id: Int64) async throws -> GrantOverview {
        try await post("grants/\(id)/revoke", [String: String]())
    }

    public func label(_ labels: DatasetLabels) async throws -> DatasetLabels { try await post("labels", labels) }

    // MARK: - Retention

    public func holds(_ query: HoldQuery) async throws -> Page<LegalHoldSummary> {
        try await get("holds", query.parameters)
    }

    public func placeHold(_ request: NewHold) async throws -> LegalHoldSummary { try await post("holds", request) }

    public func releaseHold(id: Int64, reason: String) async throws -> LegalHoldSummary {
        try await post("holds/\(id)/release", HoldRelease(reason: reason))
    }

    public func deprecate(_ request: NewDeprecation) async throws -> DeprecationSummary {
        try await post("deprecations", request)
    }

    // MARK: - Tiers and jobs

    public func tierOccupancy() async throws -> [TierOccupancy] { try await get("tier-occupancy") }

    public func migrationJobs(_ query: MigrationJobQuery) async throws -> Page<MigrationJobOverview> {
        try await get("migrations", query.parameters)
    }

    public func job(id: Int64) async throws -> MigrationJobOverview { try await get("migrations/\(id)") }

    public func queueJob(_ request: MigrationRequest) async throws -> MigrationJobOverview {
        try await post("migrations", request)
    }

    public func controlJob(id: Int64, _ action: JobAction) async throws -> MigrationJobOverview {
        try await post("migrations/\(id)/control", JobControl(action: action))
    }

    // MARK: - Audit

    public func auditEntries(_ query: AuditQuery) async throws -> Page<AuditEntry> {
        try await get("audit", query.parameters)
    }

    public func verifyAudit() async throws -> AuditVerification { try await get("audit/verification") }

    // MARK: - Tokens

    public func createToken(_ request: NewToken) async throws -> IssuedToken { try await post("tokens", request) }

    public func tokens() async throws -> [TokenOverview] { try await get("tokens") }

    public func revokeToken(name: String) async throws -> TokenOverview {
        try await post("tokens/\(Self.escapedSegment(name))/revoke", [String: String]())
    }

    // MARK: - Runs

    public func recordTrainingRun(_ request: NewRun) async throws -> RunOverview { try await post("runs", request) }

    public func trainingRun(id: Int64) async throws -> RunOverview { try await get("runs/\(id)") }

    public func trainingRuns(_ query: RunQuery) async throws -> Page<RunOverview> {
        try await get("runs", query.parameters)
    }
}
