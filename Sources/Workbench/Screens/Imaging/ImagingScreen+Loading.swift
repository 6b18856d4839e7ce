import Catalog
import LakeEngine
import TUI

/// The catalog reads behind the imaging lists: studies (with the worst open flag on the study or its
/// series), a study's series (with theirs), a series' instances and flags, and finding a series by UID
/// for another screen (Flags' Enter).
extension ImagingScreen {
    static func loadStudies(_ lake: Lake) -> Command<WorkbenchMessage> {
        run {
            .studies(Loadable {
                let open = try lake.listFlags(FlagFilter(state: .open))
                let byTarget = OpenFlagSummary.byTarget(open)
                return try lake.datasets().filter { $0.studyCount > 0 }.flatMap { summary in
                    var flagsByStudy: [String: [QualityFlag]] = [:]
                    let seriesFlagged = open.contains { $0.datasetId == summary.dataset.id && $0.targetKind == .series }
                    if seriesFlagged {
                        for listing in try lake.series(dataset: summary.dataset.name) {
                            flagsByStudy[listing.studyInstanceUID, default: []]
                                += byTarget[listing.series.seriesInstanceUID] ?? []
                        }
                    }
                    return try lake.studies(dataset: summary.dataset.name).map { study in
                        let uid = study.study.studyInstanceUID
                        let flags = (byTarget[uid] ?? []) + (flagsByStudy[uid] ?? [])
                        return studyRow(study, dataset: summary.dataset.name, flags: flags)
                    }
                }
            })
        }
    }

    static func studyRow(_ study: StudySummary, dataset: String, flags: [QualityFlag]) -> ListRow {
        ListRow(
            id: study.study.studyInstanceUID,
            cells: [study.study.patientPseudonym ?? "", study.study.studyDate ?? "", study.modalities,
                    String(study.seriesCount), OpenFlagSummary(flags)?.text ?? "", study.study.description ?? "",
                    dataset],
            dataset: dataset)
    }

    static func loadSeries(_ lake: Lake, study: ListRow) -> Command<WorkbenchMessage> {
        run {
            .series(Loadable {
                let open = OpenFlagSummary.byTarget(try lake.listFlags(FlagFilter(state: .open, dataset: study.dataset)))
                return try lake.series(dataset: study.dataset, studyUID: study.id).map { listing in
                    seriesRow(listing.series, dataset: study.dataset, flags: open[listing.series.seriesInstanceUID] ?? [])
                }
            })
        }
    }

    static func seriesRow(_ series: Series, dataset: String, flags: [QualityFlag]) -> ListRow {
        ListRow(
            id: series.seriesInstanceUID,
            cells: [series.modality, series.bodyPart ?? "", String(series.instanceCount), series.description ?? "",
                    series.seriesInstanceUID, OpenFlagSummary(flags)?.text ?? ""],
            dataset: dataset)
    }

    static func loadInstances(_ lake: Lake, series: ListRow) -> Command<WorkbenchMessage> {
        .batch([
            run {
                .instances(Loadable {
                    try lake.instances(dataset: series.dataset, seriesUID: series.id).map { instance in
                        ListRow(
                            id: instance.sopInstanceUID,
                            cells: [instance.instanceNumber.map(String.init) ?? "",
                                    "\(instance.rows ?? 0)×\(instance.columns ?? 0)",
                                    TransferSyntaxName.short(instance.transferSyntaxUID ?? ""), instance.sopInstanceUID],
                            dataset: series.dataset)
                    }
                })
            },
            run { .seriesFlags((try? lake.listFlags(FlagFilter(target: series.id))) ?? []) },
        ])
    }

    /// Finds series `uid` (or study `uid`): its dataset, its study's row and the series' row.
    static func locate(_ uid: String, lake: Lake) -> Command<WorkbenchMessage> {
        run {
            .located(Loadable {
                let entries = try lake.show(uid)
                guard let entry = entries.first(where: { $0.kind == .series || $0.kind == .study }),
                    let dataset = entry.dataset
                else { throw LakeError.notFound(kind: "series or study", id: uid) }
                let open = OpenFlagSummary.byTarget(try lake.listFlags(FlagFilter(state: .open, dataset: dataset)))
                let listing = entry.kind == .series
                    ? try lake.series(dataset: dataset).first { $0.series.seriesInstanceUID == uid } : nil
                let studyUID = listing?.studyInstanceUID ?? uid
                guard let study = try lake.studies(dataset: dataset).first(where: { $0.study.studyInstanceUID == studyUID })
                else { throw LakeError.notFound(kind: "study", id: studyUID) }
                return Location(
                    study: studyRow(study, dataset: dataset, flags: open[studyUID] ?? []),
                    series: listing.map { seriesRow($0.series, dataset: dataset, flags: open[uid] ?? []) })
            })
        }
    }
}
