import Catalog
import Foundation

/// The in-process implementation of ``LakeAPI``: each call runs the engine's own method, which checks the
/// actor's roles and grants, then converts, sorts and pages the result.
///
/// Paging happens after the access checks (a page never counts what the caller may not see). Studies,
/// series, samples, flags and audit entries are sorted, filtered and cut in SQL (the catalog's listing
/// requests take a `ListingWindow`), so a call reads one page whatever the catalog holds; the smaller
/// listings (datasets, versions, grants, holds, jobs, promotions) are still read whole and sliced here.
extension Lake: LakeAPI {
    // MARK: - Identity

    public func caller() throws -> Caller {
        Caller(user: actor.user, uid: actor.uid, roles: actorRoles, token: actor.token?.name)
    }

    // MARK: - Ingest

    public func ingest(
        files paths: [SourcePath], dataset name: String, keepUnknown: Bool,
        progress: (@Sendable (IngestProgress) -> Void)?
    ) throws -> IngestReport {
        try ingest(paths, dataset: name, options: IngestOptions(keepUnknown: keepUnknown), progress: progress)
    }

    // MARK: - Catalog

    public func datasets(_ query: DatasetQuery) throws -> Page<DatasetOverview> {
        Page(slicing: try datasetOverviews(query), query.page)
    }

    public func dataset(named name: String) throws -> DatasetOverview {
        // The listing applies the read checks: a dataset the caller may not see is not found.
        guard let found = try datasetOverviews(DatasetQuery()).first(where: { $0.name == name }) else {
            throw LakeError.notFound(kind: "dataset", id: name)
        }
        return found
    }

    /// Every dataset `query` matches, sorted as it says.
    ///
    /// Filtered and sorted in memory: a lake holds few datasets, and the sort keys (open flags, quality
    /// score, holds) come from several requests.
    private func datasetOverviews(_ query: DatasetQuery) throws -> [DatasetOverview] {
        let scores = try latestQualityScores()
        let held = Set(try holds().map(\.dataset))
        let deprecations = try deprecations()
        let all = try datasets(modality: query.modality, assay: query.assay, zone: query.zone).map { summary in
            let name = summary.dataset.name
            return DatasetOverview(
                summary, qualityScore: scores[name], held: held.contains(name), successor: deprecations[name]?.successor)
        }.filter { $0.matches(query.text) }
        return all.sorted { query.descending ? query.sort.precedes($1, $0) : query.sort.precedes($0, $1) }
    }

    public func studies(_ query: StudyQuery) throws -> Page<StudyOverview> {
        let window = ListingWindow(sort: query.sort, descending: query.descending, text: query.text, query.page)
        return Page(try studies(dataset: query.dataset, window: window, containing: query.containing), StudyOverview.init)
    }

    public func series(_ query: SeriesQuery) throws -> Page<SeriesOverview> {
        let window = ListingWindow(sort: query.sort, descending: query.descending, text: query.text, query.page)
        return Page(
            try series(dataset: query.dataset, studyUID: query.study, window: window, containing: query.containing),
            SeriesOverview.init)
    }

    public func samples(_ query: SampleQuery) throws -> Page<SampleOverview> {
        let window = ListingWindow(sort: query.sort, descending: query.descending, text: query.text, query.page)
        return Page(try samples(assay: query.assay, dataset: query.dataset, window: window), SampleOverview.init)
    }

    public func modalities(dataset: String?) throws -> [ModalityOverview] {
        try modalityCounts(dataset: dataset).map(ModalityOverview.init)
    }

    // MARK: - Flags

    public func flags(_ query: FlagQuery) throws -> Page<FlagSummary> {
        let window = ListingWindow(sort: query.sort, descending: query.descending, text: query.text, query.page)
        let flags = try flags(query.filter, window: window)
        let names = try datasetNames(Set(flags.rows.compactMap(\.datasetId)))
        return Page(flags) { FlagSummary($0, dataset: $0.datasetId.flatMap { names[$0] }) }
    }

    public func raiseFlag(_ request: NewFlag) throws -> FlagSummary {
        let flag = try addFlag(target: request.target, code: request.code, severity: request.severity, note: request.note)
        return try apiFlag(flag)
    }

    public func closeFlag(id: Int64, _ closing: FlagClosing) throws -> FlagSummary {
        let flag =
            switch closing {
            case .resolve(let note): try resolveFlag(id: id, note: note)
            case .waive(let reason): try waiveFlag(id: id, reason: reason)
            }
        return try apiFlag(flag)
    }

    public func reopenFlag(id: Int64, _ reopening: FlagReopening) throws -> FlagSummary {
        try apiFlag(try reopenFlag(id: id, note: reopening.note))
    }

    public func flagVocabulary(_ query: FlagCodeQuery) throws -> [FlagCode] {
        query.kind.map(flagCodes(for:)) ?? configuration.flagCodes.values.sorted { $0.code < $1.code }
    }

    private func apiFlag(_ flag: QualityFlag) throws -> FlagSummary {
        let names = try datasetNames(Set(flag.datasetId.map { [$0] } ?? []))
        return FlagSummary(flag, dataset: flag.datasetId.flatMap { names[$0] })
    }

    /// Names of the datasets with `ids`.
    private func datasetNames(_ ids: Set<Int64>) throws -> [Int64: String] {
        if ids.isEmpty { return [:] }
        let datasets = try catalog.read { transaction in try transaction.datasets(ids: ids) }
        return Dictionary(uniqueKeysWithValues: datasets.compactMap { d in d.id.map { ($0, d.name) } })
    }

    // MARK: - Governance

    public func versions(_ query: VersionQuery) throws -> Page<VersionOverview> {
        Page(slicing: try versions(dataset: query.dataset).map(VersionOverview.init), query.page)
    }

    public func publishVersion(of dataset: String) throws -> VersionOverview {
        VersionOverview(try publishVersion(dataset: dataset))
    }

    public func promotions(_ query: PromotionQuery) throws -> Page<PromotionSummary> {
        Page(slicing: try promotions(state: query.state), query.page)
    }

    public func requestPromotion(_ request: PromotionRequest) throws -> PromotionSummary {
        try requestPromotion(request.source, to: request.zone, select: request.select, reason: request.reason)
    }

    // MARK: - Manifests

    public func manifestDocument(version: String) throws -> ManifestDocument {
        let (hash, bytes) = try exportManifest(version)
        return ManifestDocument(hash: hash, text: String(decoding: bytes, as: UTF8.self))
    }

    // MARK: - Access

    public func roles() throws -> [RoleMembers] {
        try authorize(.read)
        return configuration.roleMembers
    }

    public func changeRole(_ change: RoleChange) throws -> [RoleMembers] {
        try changingRole(change).configuration.roleMembers
    }

    /// Gives or takes the role `change` names and returns the lake reopened with the roles in force
    /// afterwards: the lake service keeps that one, so its next calls see the change.
    public func changingRole(_ change: RoleChange) throws -> Lake {
        switch change.kind {
        case .grant: try grant(change.role, to: change.user)
        case .revoke: try revoke(change.role, from: change.user)
        }
    }

    public func grants(_ query: GrantQuery) throws -> Page<GrantOverview> {
        let now = Date()
        let all = try grants(all: query.all).map { GrantOverview($0.grant, dataset: $0.dataset, now: now) }
        return Page(slicing: all, query.page)
    }

    public func grantAccess(_ request: NewGrant) throws -> GrantOverview {
        let grant = try grantAccess(
            user: request.user, dataset: request.dataset, scope: request.scope, lifetime: request.lifetime,
            reason: request.reason)
        return GrantOverview(grant, dataset: request.dataset)
    }

    public func revokeAccess(grant id: Int64) throws -> GrantOverview {
        let grant = try revokeGrant(id: id)
        let name = try catalog.read { tx in try tx.datasetName(id: grant.datasetId) }
        return GrantOverview(grant, dataset: name ?? String(grant.datasetId))
    }

    public func label(_ labels: DatasetLabels) throws -> DatasetLabels {
        let dataset = try labelDataset(
            labels.dataset, sensitivity: labels.sensitivity, consentScope: labels.consentScope?.joined(separator: ","))
        return DatasetLabels(
            dataset: dataset.name, sensitivity: dataset.sensitivity,
            consentScope: DatasetOverview.list(dataset.consentScope))
    }

    // MARK: - Retention

    public func holds(_ query: HoldQuery) throws -> Page<LegalHoldSummary> {
        Page(slicing: try holds(dataset: query.dataset, includeReleased: query.includeReleased), query.page)
    }

    public func placeHold(_ request: NewHold) throws -> LegalHoldSummary {
        try addHold(request.target, reason: request.reason)
    }

    public func deprecate(_ request: NewDeprecation) throws -> DeprecationSummary {
        try deprecateDataset(request.dataset, successor: request.successor, reason: request.reason)
    }

    // MARK: - Tiers and jobs

    public func migrationJobs(_ query: MigrationJobQuery) throws -> Page<MigrationJobOverview> {
        // Every matching job: the page is cut here, after the count.
        let jobs = try migrationJobs(states: query.state.map { [$0] }, limit: Int(Int32.max))
        return Page(slicing: jobs.map(MigrationJobOverview.init), query.page)
    }

    public func job(id: Int64) throws -> MigrationJobOverview {
        MigrationJobOverview(try migrationJob(id: id))
    }

    public func queueJob(_ request: MigrationRequest) throws -> MigrationJobOverview {
        let job =
            switch request.kind {
            case .migrate: try queueMigration(request.dataset, to: request.tier)
            case .restore: try queueRestore(request.dataset, to: request.tier)
            }
        return MigrationJobOverview(job)
    }

    public func controlJob(id: Int64, _ action: JobAction) throws -> MigrationJobOverview {
        let job =
            switch action {
            case .pause: try pauseMigration(id: id)
            case .resume: try resumeMigration(id: id)
            case .cancel: try cancelMigration(id: id)
            }
        return MigrationJobOverview(job)
    }

    // MARK: - Audit

    public func auditEntries(_ query: AuditQuery) throws -> Page<AuditEntry> {
        let filter = AuditFilter(actor: query.actor, action: query.action, since: query.since)
        return Page(try auditEvents(filter, newestFirst: query.newestFirst, page: query.page), AuditEntry.init)
    }
}
