import Catalog
import LakeEngine
import TUI

/// Samples → files → inspector: the selected file's stored facts, its header read on demand through
/// ``Lake/inspectGenomicFile(dataset:sample:sha256:)`` (contigs, read groups, programs, INFO/FORMAT/FILTER,
/// sample columns), integrity, and the sample's flags.
///
/// The `/` line filters the samples while they have the focus and searches the inspector while it has;
/// the samples keep their filter while the other panes are used.
struct GenomicsState: Sendable {
    enum Focus: Sendable, Hashable { case samples, files, inspector }

    var focus: Focus = .samples
    var samples = ListPane([TableColumn("SAMPLE"), TableColumn("ASSAY"), TableColumn("REFERENCE"),
                            TableColumn("FORMATS"), TableColumn("FILES", alignment: .right), TableColumn("DATASET")])
    /// The sample whose files are shown.
    var filesOf: ListRow?
    var files: Loadable<[GenomicFileEntry]>?
    var fileSelection = ScrollSelection()
    /// The header read of the selected file, and which file it is for.
    var inspection: Loadable<GenomicFileInspection>?
    var inspectedFile: String?
    var inspector = InspectorPane()
    /// The samples' filter while another pane has the `/` line.
    var sampleFilter = ""

    var selectedFile: GenomicFileEntry? {
        guard let entries = files?.value, let index = fileSelection.selected, index < entries.count else { return nil }
        return entries[index]
    }

    /// The text filtering the samples, given the screen's `/` text.
    func sampleSearch(_ filter: String) -> String { focus == .samples ? filter : sampleFilter }

    /// The text searching the inspector, given the screen's `/` text.
    func inspectorSearch(_ filter: String) -> String { focus == .inspector ? filter : "" }

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

    mutating func receive(_ message: WorkbenchMessage, filter: String, lake: Lake) -> Command<WorkbenchMessage> {
        switch message {
        case .samples(let rows):
            samples.apply(rows, filter: sampleSearch(filter))
            if focus == .samples, filesOf == nil { return loadFiles(lake: lake, filter: filter) }
        case .sampleFiles(let result):
            files = result
            fileSelection.clamp(count: result.value?.count ?? 0)
            rebuildInspector()
            if focus != .samples { return inspectSelectedFile(lake: lake) }
        case .genomicInspection(let result):
            switch result {
            case .loaded(let value) where value.entry.sha256 != inspectedFile: return .none
            case .failed where inspection?.value != nil: return .none
            default: break
            }
            inspection = result
            rebuildInspector()
        default: break
        }
        return .none
    }

    mutating func navigate(_ key: Key, page: Int, filter: String, lake: Lake) -> Command<WorkbenchMessage> {
        switch focus {
        case .samples:
            samples.navigate(key, page: page, filter: filter)
            return loadFiles(lake: lake, filter: filter)
        case .files:
            fileSelection.handle(key, count: files?.value?.count ?? 0, page: page)
            rebuildInspector()
            return inspectSelectedFile(lake: lake)
        case .inspector:
            inspector.navigate(key, page: page, search: filter)
            return .none
        }
    }

    /// Keeps the selections valid after the `/` text changed.
    mutating func clamp(filter: String) {
        switch focus {
        case .samples: samples.table.selection.clamp(count: samples.visible(filter: filter).count)
        case .files: break
        case .inspector: inspector.selection.clamp(count: inspector.visible(search: filter).count)
        }
    }

    mutating func handle(_ action: WorkbenchAction, key: Key, filter: String, model: inout WorkbenchModel, lake: Lake)
        -> Command<WorkbenchMessage>
    {
        switch action {
        case .drillIn:
            switch focus {
            case .samples: return focus(.files, model: &model, lake: lake)
            case .files: return focus(.inspector, model: &model, lake: lake)
            case .inspector: return .none
            }
        case .nextPane:
            let next: Focus = focus == .samples ? .files : (focus == .files ? .inspector : .samples)
            return focus(next, model: &model, lake: lake)
        case .back:
            switch focus {
            case .samples: return .none
            case .files: return focus(.samples, model: &model, lake: lake)
            case .inspector: return focus(.files, model: &model, lake: lake)
            }
        case .nextSection, .previousSection:
            guard focus == .inspector else { return .none }
            inspector.jumpSection(forward: action == .nextSection, search: filter)
        case .streamFile:
            return inspectSelectedFile(lake: lake, streaming: true)
        case .addFlag:
            guard let row = filesOf ?? samples.selected(filter: sampleSearch(filter)) else { return .none }
            model.overlay = .dialog(NoteDialog(
                kind: .add(target: row.id), title: "Add flag", lines: ["Sample " + row.id, "in dataset " + row.dataset],
                choices: lake.flagVocabulary, openedAt: model.now))
        default: break
        }
        return .none
    }

    /// Moves the focus, handing the `/` line to the pane that gets it.
    private mutating func focus(_ next: Focus, model: inout WorkbenchModel, lake: Lake) -> Command<WorkbenchMessage> {
        guard next != focus else { return .none }
        if focus == .samples { sampleFilter = model.filters[.genomics]?.text ?? "" }
        model.filters[.genomics] = next == .samples ? TextInputState(text: sampleFilter) : nil
        focus = next
        inspector.selection.clamp(count: inspector.visible(search: "").count)
        let files = loadFiles(lake: lake, filter: sampleSearch(model.filters[.genomics]?.text ?? ""))
        return next == .samples ? files : .batch([files, inspectSelectedFile(lake: lake)])
    }

    /// Starts listing the selected sample's files if they are not the ones shown.
    mutating func loadFiles(lake: Lake, filter: String) -> Command<WorkbenchMessage> {
        guard let row = samples.selected(filter: sampleSearch(filter)),
            row.dataset != filesOf?.dataset || row.id != filesOf?.id
        else { return .none }
        filesOf = row
        files = .loading
        fileSelection = ScrollSelection()
        inspection = nil
        inspectedFile = nil
        rebuildInspector()
        return .run { .sampleFiles(Loadable { try lake.genomicFiles(dataset: row.dataset, sample: row.id) }) }
    }

    /// Starts reading the selected file's header if it is not the one inspected; `streaming` reads
    /// every record too, even when the header is already shown.
    mutating func inspectSelectedFile(lake: Lake, streaming: Bool = false) -> Command<WorkbenchMessage> {
        guard let sample = filesOf, let file = selectedFile, streaming || file.sha256 != inspectedFile else {
            return .none
        }
        inspectedFile = file.sha256
        inspection = .loading
        rebuildInspector()
        return .run {
            .genomicInspection(Loadable {
                try lake.inspectGenomicFile(dataset: sample.dataset, sample: sample.id, sha256: file.sha256,
                                            streaming: streaming)
            })
        }
    }

    private mutating func rebuildInspector() {
        guard let file = selectedFile else {
            inspector = InspectorPane()
            return
        }
        let matching = inspectedFile == file.sha256 ? inspection : nil
        let selection = inspector.selection
        inspector = InspectorPane(sections: GenomicsSections.build(file: file, inspection: matching))
        inspector.selection = selection
        inspector.selection.clamp(count: inspector.lines.count)
    }
}
