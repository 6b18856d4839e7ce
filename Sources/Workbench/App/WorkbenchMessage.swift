import Catalog
import LakeEngine

/// Results of commands: catalog reads and writes done off the main actor.
public enum WorkbenchMessage: Sendable {
    case overview(Loadable<OverviewData>)
    case datasets(Loadable<[DatasetSummary]>)
    /// Keep periods, holds, deprecations and scores for the dataset pane.
    case datasetStandings([String: DatasetStanding])
    case studies(Loadable<[ListRow]>)
    case series(Loadable<[ListRow]>)
    case instances(Loadable<[ListRow]>)
    case seriesFlags([QualityFlag])
    case inspection(Loadable<InstanceInspection>)
    case samples(Loadable<[ListRow]>)
    case sampleFiles(Loadable<[GenomicFileEntry]>)
    case genomicInspection(Loadable<GenomicFileInspection>)
    case flags(Loadable<[QualityFlag]>)
    case audit(Loadable<[AuditEvent]>)
    case auditVerification(Loadable<AuditVerification>)
    case promotions(Loadable<[PromotionSummary]>)
    case promotionDiff(Loadable<ManifestDiff>)
    case migrations(Loadable<MigrationsData>)
    case lifecyclePlan(Loadable<LifecyclePlan>)
    case retentionPlan(Loadable<RetentionPlan>)
    /// A worker this workbench started, or its new state.
    case worker(WorkerProcess)
    /// The worker key was refused (one is running): what to say.
    case workerRefused(String)
    case dataVersion(Int)
    /// A write finished: what to say in the flash line.
    case done(String)
    /// An export was written (nothing in the catalog changed, so nothing reloads).
    case exported(String)
    case failed(String)
}
