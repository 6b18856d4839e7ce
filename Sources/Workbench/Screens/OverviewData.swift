import Catalog
import LakeEngine
import TUI

/// What the overview shows: datasets per modality/assay, zones and tiers, open flags by severity.
///
/// Counts come from the API's page totals (a page of one item), so the overview never pulls the flags
/// or promotions themselves.
public struct OverviewData: Sendable {
    var datasets: [DatasetOverview]
    var modalities: [ModalityOverview]
    var tiers: [TierOccupancy]
    var openFlags: [FlagSeverity: Int]
    var pendingPromotions: Int
    /// Published versions per zone.
    var versionsByZone: [String: Int]
    var activeJobs: [MigrationJobOverview]

    static func load(_ api: any LakeAPI) async throws -> OverviewData {
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
            modalities: try await api.modalities(dataset: nil), tiers: try await api.tierOccupancy(),
            openFlags: bySeverity,
            pendingPromotions: try await api.promotions(PromotionQuery(state: .pending, page: one)).total,
            versionsByZone: Dictionary(
                uniqueKeysWithValues: try await api.zones().map { ($0.name, $0.publishedVersions) }),
            activeJobs: active.sorted { $0.id > $1.id })
    }
}

extension MigrationJobOverview {
    /// How far the job is, by bytes (as `MigrationProgress.fraction`).
    var fraction: Double {
        bytesTotal > 0 ? min(1, Double(bytesDone) / Double(bytesTotal)) : (state == .done ? 1 : 0)
    }
}
