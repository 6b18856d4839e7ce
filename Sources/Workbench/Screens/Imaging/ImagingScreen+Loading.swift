import Catalog
import LakeEngine
import TUI

/// The reads behind the imaging lists: studies (with the open flags on the study or its series), a study's
/// series (with theirs), a series' instances and flags, and finding a series by UID for another screen
/// (Flags' Enter). Each list asks for its first page of ``PageRequest/maximumLimit`` rows and, when the
/// listing is longer, becomes a window fetching the pages its cursor needs (see `ListPane+Window.swift`);
/// the open flags come with each row from the listing itself.
extension ImagingScreen {
    /// One page of ``Workbench/pageLimit`` items: the lists never ask for a whole table.
    private static var page: PageRequest { PageRequest(limit: Workbench.pageLimit) }

    /// The first page of the studies of every dataset the user may read, grouped by dataset.
    static func loadStudies(_ api: any LakeAPI) -> Command<WorkbenchMessage> {
        run { .studies(await studyPage(api, request: ListPane.firstPage)) }
    }

    /// The pages of the studies a windowed study list asked for.
    static func loadStudyPages(_ api: any LakeAPI, requests: [RowPageRequest]) -> Command<WorkbenchMessage> {
        .batch(requests.map { request in run { .studyPage(request, await studyPage(api, request: request)) } })
    }

    /// The engine's sort for each column of the study list a window can be sorted by (MODALITIES, FLAGS and
    /// DATASET cannot: the engine keeps the studies grouped by dataset under every sort).
    static let studySorts: [Int: StudySort] = [0: .patient, 1: .date, 3: .series, 5: .description]

    /// One page of the studies as rows.
    private static func studyPage(_ api: any LakeAPI, request: RowPageRequest) async -> Loadable<RowPage> {
        await .awaiting {
            let order = request.engineOrder(studySorts, natural: .date)
            let query = StudyQuery(
                dataset: nil, sort: order.sort, descending: order.descending, text: order.text, page: request.page)
            return RowPage(request, try await api.studies(query), row: studyRow)
        }
    }

    static func studyRow(_ study: StudyOverview) -> ListRow {
        ListRow(
            id: study.studyInstanceUID,
            cells: [study.patientPseudonym ?? "", study.studyDate ?? "", study.modalities.joined(separator: ","),
                    String(study.seriesCount), study.openFlags?.text ?? "", study.description ?? "", study.dataset],
            dataset: study.dataset)
    }

    /// The first page of a study's series (a reload keeps a window's cursor and refetches around it).
    static func loadSeries(_ api: any LakeAPI, study: ListRow) -> Command<WorkbenchMessage> {
        run { .series(await seriesPage(api, study: study, request: ListPane.firstPage)) }
    }

    /// The pages of a study's series a windowed series list asked for.
    static func loadSeriesPages(_ api: any LakeAPI, study: ListRow, requests: [RowPageRequest])
        -> Command<WorkbenchMessage>
    {
        .batch(requests.map { request in
            run { .seriesPage(request, await seriesPage(api, study: study, request: request)) }
        })
    }

    /// The engine's sort for each column of the series list a window can be sorted by (FLAGS cannot).
    static let seriesSorts: [Int: SeriesSort] = [0: .modality, 1: .bodyPart, 2: .instances, 3: .description, 4: .uid]

    /// One page of `study`'s series as rows.
    private static func seriesPage(_ api: any LakeAPI, study: ListRow, request: RowPageRequest) async
        -> Loadable<RowPage>
    {
        await .awaiting {
            let order = request.engineOrder(seriesSorts, natural: .ingested)
            let query = SeriesQuery(
                dataset: study.dataset, study: study.id, sort: order.sort, descending: order.descending,
                text: order.text, page: request.page)
            return RowPage(request, try await api.series(query)) { seriesRow($0, dataset: study.dataset) }
        }
    }

    static func seriesRow(_ series: SeriesOverview, dataset: String) -> ListRow {
        ListRow(
            id: series.seriesInstanceUID,
            cells: [series.modality, series.bodyPart ?? "", String(series.instanceCount), series.description ?? "",
                    series.seriesInstanceUID, series.openFlags?.text ?? ""],
            dataset: dataset)
    }

    /// The first page of a series' instances, and its flags (one page).
    static func loadInstances(_ context: ScreenContext, series: ListRow) -> Command<WorkbenchMessage> {
        let api = context.api
        return .batch([
            run { .instances(await instancePage(api, series: series, request: ListPane.firstPage)) },
            run { .seriesFlags((try? await api.flags(FlagQuery(target: series.id, page: page)).items) ?? []) },
        ])
    }

    /// The pages of a series' instances a windowed instance list asked for.
    static func loadInstancePages(_ api: any LakeAPI, series: ListRow, requests: [RowPageRequest])
        -> Command<WorkbenchMessage>
    {
        .batch(requests.map { request in
            run { .instancePage(request, await instancePage(api, series: series, request: request)) }
        })
    }

    /// The engine's sort for each column of the instance list a window can be sorted by (SIZE cannot).
    static let instanceSorts: [Int: InstanceSort] = [0: .number, 2: .syntax, 3: .uid]

    /// One page of `series`' instances as rows.
    private static func instancePage(_ api: any LakeAPI, series: ListRow, request: RowPageRequest) async
        -> Loadable<RowPage>
    {
        await .awaiting {
            let order = request.engineOrder(instanceSorts, natural: .number)
            let query = InstanceQuery(
                dataset: series.dataset, series: series.id, sort: order.sort, descending: order.descending,
                text: order.text, page: request.page)
            return RowPage(request, try await api.instances(query)) { instance in
                ListRow(
                    id: instance.sopInstanceUID,
                    cells: [instance.instanceNumber.map(String.init) ?? "",
                            "\(instance.rows ?? 0)×\(instance.columns ?? 0)",
                            TransferSyntaxName.short(instance.transferSyntaxUID ?? ""), instance.sopInstanceUID],
                    dataset: series.dataset)
            }
        }
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
                let studyUID = entry.kind == .series ? entry.fields.first { $0.name == "study" }?.value ?? "" : uid
                guard let study = try await firstMatch({ try await api.studies(StudyQuery(dataset: dataset, page: $0)) },
                                                       where: { $0.studyInstanceUID == studyUID })
                else { throw LakeError.notFound(kind: "study", id: studyUID) }
                let found = entry.kind == .series
                    ? try await firstMatch({ try await api.series(SeriesQuery(dataset: dataset, study: studyUID, page: $0)) },
                                           where: { $0.seriesInstanceUID == uid })
                    : nil
                return Location(
                    study: studyRow(study.item),
                    series: found.map { seriesRow($0.item, dataset: dataset) },
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
