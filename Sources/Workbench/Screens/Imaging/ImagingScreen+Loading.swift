import Catalog
import LakeEngine
import TUI

/// The reads behind the imaging lists: studies (with the worst open flag on the study or its series), a
/// study's series (with theirs), a series' instances and flags, and finding a series by UID for another
/// screen (Flags' Enter). Studies, series and flags go through the API, one page each.
extension ImagingScreen {
    /// One page of ``Workbench/pageLimit`` items: the lists never ask for a whole table.
    private static var page: PageRequest { PageRequest(limit: Workbench.pageLimit) }

    /// The open flags (of one dataset, or of the lake), one page.
    private static func openFlags(_ api: any LakeAPI, dataset: String? = nil) async throws -> [FlagSummary] {
        try await api.flags(FlagQuery(state: .open, dataset: dataset, page: page)).items
    }

    static func loadStudies(_ api: any LakeAPI) -> Command<WorkbenchMessage> {
        run {
            .studies(await .awaiting {
                let open = try await openFlags(api)
                let byTarget = OpenFlagSummary.byTarget(open)
                var rows: [ListRow] = []
                for dataset in try await api.datasets(DatasetQuery(page: page)).items where dataset.studyCount > 0 {
                    var flagsByStudy: [String: [FlagSummary]] = [:]
                    if open.contains(where: { $0.dataset == dataset.name && $0.targetKind == .series }) {
                        for series in try await api.series(SeriesQuery(dataset: dataset.name, page: page)).items {
                            flagsByStudy[series.studyInstanceUID, default: []] += byTarget[series.seriesInstanceUID] ?? []
                        }
                    }
                    for study in try await api.studies(StudyQuery(dataset: dataset.name, page: page)).items {
                        let uid = study.studyInstanceUID
                        rows.append(studyRow(study, dataset: dataset.name, flags: (byTarget[uid] ?? []) + (flagsByStudy[uid] ?? [])))
                    }
                }
                return rows
            })
        }
    }

    static func studyRow(_ study: StudyOverview, dataset: String, flags: [FlagSummary]) -> ListRow {
        ListRow(
            id: study.studyInstanceUID,
            cells: [study.patientPseudonym ?? "", study.studyDate ?? "", study.modalities.joined(separator: ","),
                    String(study.seriesCount), OpenFlagSummary(flags)?.text ?? "", study.description ?? "", dataset],
            dataset: dataset)
    }

    /// The first page of a study's series with the open flags of its dataset (a reload keeps a window's
    /// cursor and refetches around it).
    static func loadSeries(_ api: any LakeAPI, study: ListRow) -> Command<WorkbenchMessage> {
        run {
            .series(await .awaiting {
                let open = OpenFlagSummary.byTarget(try await openFlags(api, dataset: study.dataset))
                let page = try await seriesPage(api, study: study, request: ListPane.firstPage, openFlags: open)
                return SeriesFirstPage(page: page, openFlags: open)
            })
        }
    }

    /// The pages of a study's series a windowed series list asked for, their FLAGS cells from `openFlags`
    /// (read with the first page): one request per page.
    static func loadSeriesPages(
        _ api: any LakeAPI, study: ListRow, requests: [RowPageRequest], openFlags: [String: [FlagSummary]]
    ) -> Command<WorkbenchMessage> {
        .batch(requests.map { request in
            run {
                .seriesPage(request, await .awaiting {
                    try await seriesPage(api, study: study, request: request, openFlags: openFlags)
                })
            }
        })
    }

    /// The engine's sort for each column of the series list a window can be sorted by (FLAGS cannot).
    static let seriesSorts: [Int: SeriesSort] = [0: .modality, 1: .bodyPart, 2: .instances, 3: .description, 4: .uid]

    /// One page of `study`'s series as rows, with their open flags.
    private static func seriesPage(
        _ api: any LakeAPI, study: ListRow, request: RowPageRequest, openFlags: [String: [FlagSummary]]
    ) async throws -> RowPage {
        let sort = request.order.sort.flatMap { seriesSorts[$0.column] }
        let query = SeriesQuery(
            dataset: study.dataset, study: study.id, sort: sort ?? .ingested,
            descending: sort != nil && request.order.sort?.ascending == false,
            text: request.order.text.isEmpty ? nil : request.order.text, page: request.page)
        let page = try await api.series(query)
        return RowPage(request, page) { seriesRow($0, dataset: study.dataset, flags: openFlags[$0.seriesInstanceUID] ?? []) }
    }

    static func seriesRow(_ series: SeriesOverview, dataset: String, flags: [FlagSummary]) -> ListRow {
        ListRow(
            id: series.seriesInstanceUID,
            cells: [series.modality, series.bodyPart ?? "", String(series.instanceCount), series.description ?? "",
                    series.seriesInstanceUID, OpenFlagSummary(flags)?.text ?? ""],
            dataset: dataset)
    }

    /// A series' instances and its flags, one page each.
    static func loadInstances(_ context: ScreenContext, series: ListRow) -> Command<WorkbenchMessage> {
        let api = context.api
        return .batch([
            run {
                .instances(await .awaiting {
                    let query = InstanceQuery(dataset: series.dataset, series: series.id, page: page)
                    return try await api.instances(query).items.map { instance in
                        ListRow(
                            id: instance.sopInstanceUID,
                            cells: [instance.instanceNumber.map(String.init) ?? "",
                                    "\(instance.rows ?? 0)×\(instance.columns ?? 0)",
                                    TransferSyntaxName.short(instance.transferSyntaxUID ?? ""), instance.sopInstanceUID],
                            dataset: series.dataset)
                    }
                })
            },
            run { .seriesFlags((try? await api.flags(FlagQuery(target: series.id, page: page)).items) ?? []) },
        ])
    }

    /// Finds series `uid` (or study `uid`): its dataset and study (`show`), the study's row, and the
    /// series' row with its position in the study's series list (so the list opens on it, past its first
    /// page too).
    static func locate(_ uid: String, context: ScreenContext) -> Command<WorkbenchMessage> {
        let api = context.api
        return run {
            .located(await .awaiting {
                let entries = try await api.show(uid)
                guard let entry = entries.first(where: { $0.kind == .series || $0.kind == .study }),
                    let dataset = entry.dataset
                else { throw LakeError.notFound(kind: "series or study", id: uid) }
                let open = OpenFlagSummary.byTarget(try await openFlags(api, dataset: dataset))
                let studyUID = entry.kind == .series ? entry.fields.first { $0.name == "study" }?.value ?? "" : uid
                guard let study = try await firstMatch({ try await api.studies(StudyQuery(dataset: dataset, page: $0)) },
                                                       where: { $0.studyInstanceUID == studyUID })
                else { throw LakeError.notFound(kind: "study", id: studyUID) }
                let found = entry.kind == .series
                    ? try await firstMatch({ try await api.series(SeriesQuery(dataset: dataset, study: studyUID, page: $0)) },
                                           where: { $0.seriesInstanceUID == uid })
                    : nil
                return Location(
                    study: studyRow(study.item, dataset: dataset, flags: open[studyUID] ?? []),
                    series: found.map { seriesRow($0.item, dataset: dataset, flags: open[uid] ?? []) },
                    seriesIndex: found?.index)
            })
        }
    }

    /// The first item of a paged listing that `matches`, with its position in the listing: the pages
    /// (``PageRequest/maximumLimit`` items each) are read in turn until it turns up or the listing ends,
    /// so the reads stay within the one study or dataset being searched.
    private static func firstMatch<Item>(
        _ fetch: (PageRequest) async throws -> Page<Item>, where matches: (Item) -> Bool
    ) async throws -> (item: Item, index: Int)? {
        var request = PageRequest(offset: 0, limit: PageRequest.maximumLimit)
        while true {
            let page = try await fetch(request)
            if let position = page.items.firstIndex(where: matches) {
                return (page.items[position], page.offset + position)
            }
            guard let next = page.nextOffset else { return nil }
            request.offset = next
        }
    }
}

extension Loadable where Value == ImagingScreen.SeriesFirstPage {
    /// The page alone: loading or failed as the whole answer is.
    var page: Loadable<RowPage> {
        switch self {
        case .loading: .loading
        case .loaded(let first): .loaded(first.page)
        case .failed(let message): .failed(message)
        }
    }
}
