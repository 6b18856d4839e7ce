import Catalog
import LakeEngine
import TUI

/// What the overview shows: datasets per modality/assay, zones and tiers, open flags by severity.
public struct OverviewData: Sendable {
    var datasets: [DatasetSummary]
    var modalities: [ModalityCount]
    var tiers: [TierOccupancy]
    var openFlags: [FlagSeverity: Int]
    var pendingPromotions: Int
    /// Published versions per zone.
    var versionsByZone: [String: Int]
    var activeJobs: [MigrationProgress]

    static func load(_ lake: Lake) throws -> OverviewData {
        let open = try lake.listFlags(FlagFilter(state: .open))
        var bySeverity: [FlagSeverity: Int] = [:]
        for flag in open { bySeverity[flag.severity, default: 0] += 1 }
        return OverviewData(
            datasets: try lake.datasets(), modalities: try lake.modalityCounts(), tiers: try lake.tierOccupancy(),
            openFlags: bySeverity, pendingPromotions: try lake.promotions(state: .pending).count,
            versionsByZone: try lake.publishedVersionCounts(),
            activeJobs: try lake.migrationJobs(states: MigrationJobState.active))
    }
}
