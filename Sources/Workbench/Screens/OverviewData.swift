import Catalog
import LakeEngine
import TUI

/// What the overview shows: datasets per modality/assay, zones and tiers, open flags by severity.
///
/// Counts come from the API's page totals (a page of one item), so the overview never pulls the flags
/// or promotions themselves. Tier occupancy and published versions per zone are not in the API yet:
/// they are read from the engine when the lake is open in-process and left empty on a served lake.
public struct OverviewData: Sendable {
    var datasets: [DatasetOverview]
    var modalities: [ModalityOverview]
    var tiers: [TierOccupancy]
    var openFlags: [FlagSeverity: Int]
    var pendingPromotions: Int
    /// Published versions per zone.
    var versionsByZone: [String: Int]
    var activeJobs: [MigrationJobOverview]

    static func load(_ api: any LakeAPI, engine: Lake?) async throws -> OverviewData {
        let one = PageRequest(limit: 1)
        var bySeverity: [FlagSeverity: Int] = [:]
        for severity in FlagSeverity.allCases {
            let total = try await api.flags(FlagQuery(state: .open, severity: severity, page: one)).total
            if total > 0 { bySeverity[severity] = total }
        }
        var active: [MigrationJobOverview] = []
        for state in MigrationJobState.active {
            active += try await api.migrationJobs(MigrationJobQuery(state: state)).items
        }
        return OverviewData(
            datasets: try await api.datasets(DatasetQuery(page: PageRequest(limit: Workbench.pageLimit))).items,
            modalities: try await api.modalities(dataset: nil), tiers: try engine?.tierOccupancy() ?? [],
            openFlags: bySeverity,
            pendingPromotions: try await api.promotions(PromotionQuery(state: .pending, page: one)).total,
            versionsByZone: try engine?.publishedVersionCounts() ?? [:],
            activeJobs: active.sorted { $0.id > $1.id })
    }
}

extension MigrationJobOverview {
    /// How far the job is, by bytes (as `MigrationProgress.fraction`).
    var fraction: Double {
        bytesTotal > 0 ? min(1, Double(bytesDone) / Double(bytesTotal)) : (state == .done ? 1 : 0)
    }
}
