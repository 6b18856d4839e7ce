import Catalog
import LakeEngine
import TUI

/// Samples → files, with the selected file's header facts, streaming statistics, integrity and flags.
struct GenomicsState: Sendable {
    var samples = ListPane([TableColumn("SAMPLE"), TableColumn("ASSAY"), TableColumn("REFERENCE"),
                            TableColumn("FORMATS"), TableColumn("FILES", alignment: .right), TableColumn("DATASET")])
    var files: Loadable<[GenomicFileEntry]>?
    var filesOf: String?
    var fileSelection = ScrollSelection()
    var showingFiles = false

    func reload(lake: Lake) -> Command<WorkbenchMessage> {
        .run {
            .samples(Loadable {
                try lake.samples().map { listing in
                    ListRow(
                        id: listing.sample.name,
                        cells: [listing.sample.name, listing.sample.assay ?? "", listing.sample.referenceGenome ?? "",
                                listing.formats, String(listing.fileCount), listing.datasetName],
                        dataset: listing.datasetName)
                }
            })
        }
    }

    mutating func receive(_ message: WorkbenchMessage, filter: String) {
        switch message {
        case .samples(let rows): samples.apply(rows, filter: filter)
        case .sampleFiles(let result):
            files = result
            fileSelection.clamp(count: result.value?.count ?? 0)
        default: break
        }
    }

    mutating func navigate(_ key: Key, page: Int, filter: String, lake: Lake) -> Command<WorkbenchMessage> {
        if showingFiles {
            fileSelection.handle(key, count: files?.value?.count ?? 0, page: page)
            return .none
        }
        samples.navigate(key, page: page, filter: filter)
        return loadFiles(lake: lake, filter: filter)
    }

    mutating func loadFiles(lake: Lake, filter: String) -> Command<WorkbenchMessage> {
        guard let row = samples.selected(filter: filter), row.dataset + "/" + row.id != filesOf else { return .none }
        filesOf = row.dataset + "/" + row.id
        files = .loading
        fileSelection = ScrollSelection()
        return .run { .sampleFiles(Loadable { try lake.genomicFiles(dataset: row.dataset, sample: row.id) }) }
    }

    mutating func handle(_ action: WorkbenchAction, key: Key, filter: String, model: inout WorkbenchModel, lake: Lake)
        -> Command<WorkbenchMessage>
    {
        switch action {
        case .drillIn, .nextPane:
            showingFiles.toggle()
            return loadFiles(lake: lake, filter: filter)
        case .back: showingFiles = false
        case .addFlag:
            guard let row = samples.selected(filter: filter) else { return .none }
            model.overlay = .dialog(NoteDialog(
                kind: .add(target: row.id), title: "Add flag", lines: ["Sample " + row.id, "in dataset " + row.dataset],
                choices: lake.flagVocabulary, openedAt: model.now))
        default: break
        }
        return .none
    }
}

extension Workbench {
    func viewGenomics(_ model: WorkbenchModel, in area: Rect, buffer: inout Buffer) {
        let state = model.genomics
        let parts = area.split(.vertical, [.percentage(40), .fill(1)])
        let block = Block(title: "Samples", isFocused: !state.showingFiles)
        block.render(in: parts[0], buffer: &buffer)
        var table = state.samples.table
        state.samples.render(in: block.inner(parts[0]), buffer: &buffer, filter: model.filter,
                             focused: !state.showingFiles, empty: "no genomic samples", state: &table)
        let lower = parts[1].split(.horizontal, [.percentage(40), .fill(1)], spacing: 1)
        let filesBlock = Block(title: "Files", isFocused: state.showingFiles)
        filesBlock.render(in: lower[0], buffer: &buffer)
        let detailBlock = Block(title: "Header · stats · integrity")
        detailBlock.render(in: lower[1], buffer: &buffer)
        guard let files = state.files else { return }
        guard let entries = files.value else {
            drawState(files, in: filesBlock.inner(lower[0]), buffer: &buffer)
            return
        }
        var list = ListState(selection: state.fileSelection)
        ListView(items: entries.map { "\($0.format)  \(Formatting.bytes($0.size))  \($0.path)" },
                 isFocused: state.showingFiles)
            .render(in: filesBlock.inner(lower[0]), buffer: &buffer, state: &list)
        guard let index = state.fileSelection.selected, index < entries.count else { return }
        let file = entries[index]
        var pairs: [(key: String, value: String)] = [
            ("format", file.format), ("path", file.path), ("sha256", file.sha256), ("tier", file.tier + " (" + file.state + ")"),
        ]
        pairs += Formatting.pairs(json: file.headerFacts)
        pairs += Formatting.pairs(json: file.stats).map { ("stat " + $0.key, $0.value) }
        var scroll = ScrollSelection(selected: nil)
        KeyValuePane(pairs).render(in: detailBlock.inner(lower[1]), buffer: &buffer, state: &scroll)
    }
}
