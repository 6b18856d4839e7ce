import Catalog
import LakeEngine
import TUI

/// Studies → series → instances, with the selected instance's tag tree and preview and the series' flags.
struct ImagingState: Sendable {
    enum Level: Sendable, Hashable { case studies, series, instances }
    enum Focus: Sendable, Hashable { case list, tags }

    var level: Level = .studies
    var focus: Focus = .list
    var studies = ListPane([TableColumn("PATIENT"), TableColumn("DATE"), TableColumn("MODALITIES"),
                            TableColumn("SERIES", alignment: .right), TableColumn("DESCRIPTION", width: .fill()),
                            TableColumn("DATASET")])
    var series = ListPane([TableColumn("MOD"), TableColumn("BODY PART"), TableColumn("N", alignment: .right),
                           TableColumn("DESCRIPTION", width: .fill()), TableColumn("SERIES UID", width: .auto(max: 30))])
    var instances = ListPane([TableColumn("#", alignment: .right), TableColumn("SIZE"), TableColumn("SYNTAX"),
                              TableColumn("SOP INSTANCE UID", width: .fill())])
    /// The study and series drilled into.
    var study: ListRow?
    var seriesRow: ListRow?
    var seriesFlags: [QualityFlag] = []
    var inspection: Loadable<InstanceInspection>?
    var inspectedUID: String?
    var tags = ScrollSelection()
    /// Window/level the user chose; nil: the file's.
    var window: (center: Double, width: Double)?

    var currentList: ListPane {
        get {
            switch level {
            case .studies: studies
            case .series: series
            case .instances: instances
            }
        }
        set {
            switch level {
            case .studies: studies = newValue
            case .series: series = newValue
            case .instances: instances = newValue
            }
        }
    }

    func reload(lake: Lake) -> Command<WorkbenchMessage> {
        switch level {
        case .studies: return Self.loadStudies(lake)
        case .series: return study.map { Self.loadSeries(lake, study: $0) } ?? .none
        case .instances: return seriesRow.map { Self.loadInstances(lake, series: $0) } ?? .none
        }
    }

    mutating func receive(_ message: WorkbenchMessage, filter: String, lake: Lake) -> Command<WorkbenchMessage> {
        switch message {
        case .studies(let rows): studies.apply(rows, filter: level == .studies ? filter : "")
        case .series(let rows): series.apply(rows, filter: level == .series ? filter : "")
        case .instances(let rows):
            instances.apply(rows, filter: level == .instances ? filter : "")
            return inspectSelected(lake: lake, filter: filter)
        case .seriesFlags(let flags): seriesFlags = flags
        case .inspection(let result):
            inspection = result
        default: break
        }
        return .none
    }

    mutating func navigate(_ key: Key, page: Int, filter: String, lake: Lake) -> Command<WorkbenchMessage> {
        if focus == .tags, level == .instances {
            tags.handle(key, count: visibleTags(filter: filter).count, page: page)
            return .none
        }
        currentList.navigate(key, page: page, filter: filter)
        return level == .instances ? inspectSelected(lake: lake, filter: filter) : .none
    }

    mutating func handle(_ action: WorkbenchAction, key: Key, filter: String, model: inout WorkbenchModel, lake: Lake)
        -> Command<WorkbenchMessage>
    {
        switch action {
        case .drillIn:
            guard let row = currentList.selected(filter: filter) else { return .none }
            switch level {
            case .studies:
                study = row
                level = .series
                series.rows = .loading
                model.filters[.imaging] = nil
                return Self.loadSeries(lake, study: row)
            case .series:
                seriesRow = row
                level = .instances
                instances.rows = .loading
                inspection = nil
                inspectedUID = nil
                model.filters[.imaging] = nil
                return Self.loadInstances(lake, series: row)
            case .instances:
                focus = .tags
            }
        case .back:
            if focus == .tags {
                focus = .list
            } else if level == .instances {
                level = .series
            } else if level == .series {
                level = .studies
            }
            model.filters[.imaging] = nil
        case .nextPane:
            if level == .instances { focus = focus == .list ? .tags : .list }
        case .windowCenterDown, .windowCenterUp, .windowWidthDown, .windowWidthUp, .windowReset:
            adjustWindow(action)
        case .addFlag:
            guard let target = level == .studies ? nil : (level == .series ? currentList.selected(filter: filter) : seriesRow)
            else { return .none }
            model.overlay = .dialog(NoteDialog(
                kind: .add(target: target.id), title: "Add flag",
                lines: ["Series " + target.id, "in dataset " + target.dataset], choices: lake.flagVocabulary,
                openedAt: model.now))
        default: break
        }
        return .none
    }

    private mutating func adjustWindow(_ action: WorkbenchAction) {
        guard case .frame(let frame)? = inspection?.value?.preview else { return }
        var current = window ?? (frame.windowCenter, frame.windowWidth)
        let step = max(1, current.width / 10)
        switch action {
        case .windowCenterDown: current.center -= step
        case .windowCenterUp: current.center += step
        case .windowWidthDown: current.width = max(1, current.width - step)
        case .windowWidthUp: current.width += step
        default:
            window = nil
            return
        }
        window = current
    }

    /// Starts reading the selected instance if it is not the one shown.
    mutating func inspectSelected(lake: Lake, filter: String) -> Command<WorkbenchMessage> {
        guard let row = instances.selected(filter: level == .instances ? filter : ""), row.id != inspectedUID else {
            return .none
        }
        inspectedUID = row.id
        inspection = .loading
        tags = ScrollSelection()
        return .run { .inspection(Loadable { try lake.inspectInstance(dataset: row.dataset, sopInstanceUID: row.id) }) }
    }

    func visibleTags(filter: String) -> [TagLine] {
        let all = inspection?.value?.tags ?? []
        guard focus == .tags, !filter.isEmpty else { return all }
        return all.filter {
            $0.label.localizedCaseInsensitiveContains(filter) || $0.value.localizedCaseInsensitiveContains(filter)
                || $0.tag.localizedCaseInsensitiveContains(filter)
        }
    }

    // MARK: - Loading

    static func loadStudies(_ lake: Lake) -> Command<WorkbenchMessage> {
        .run {
            .studies(Loadable {
                try lake.datasets().filter { $0.studyCount > 0 }.flatMap { summary in
                    try lake.studies(dataset: summary.dataset.name).map { study in
                        ListRow(
                            id: study.study.studyInstanceUID,
                            cells: [study.study.patientPseudonym ?? "", study.study.studyDate ?? "", study.modalities,
                                    String(study.seriesCount), study.study.description ?? "", summary.dataset.name],
                            dataset: summary.dataset.name)
                    }
                }
            })
        }
    }

    static func loadSeries(_ lake: Lake, study: ListRow) -> Command<WorkbenchMessage> {
        .run {
            .series(Loadable {
                try lake.series(dataset: study.dataset, studyUID: study.id).map { listing in
                    let series = listing.series
                    return ListRow(
                        id: series.seriesInstanceUID,
                        cells: [series.modality, series.bodyPart ?? "", String(series.instanceCount),
                                series.description ?? "", series.seriesInstanceUID],
                        dataset: study.dataset)
                }
            })
        }
    }

    static func loadInstances(_ lake: Lake, series: ListRow) -> Command<WorkbenchMessage> {
        .batch([
            .run {
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
            .run { .seriesFlags((try? lake.listFlags(FlagFilter(target: series.id))) ?? []) },
        ])
    }
}

extension ListPane {
    mutating func apply(_ rows: Loadable<[ListRow]>, filter: String) {
        switch rows {
        case .loaded(let list): setRows(list, filter: filter)
        case .loading, .failed: self.rows = rows
        }
    }
}

/// Short names of the transfer syntaxes a preview can meet.
enum TransferSyntaxName {
    static func short(_ uid: String) -> String {
        switch uid {
        case "1.2.840.10008.1.2": "implicit LE"
        case "1.2.840.10008.1.2.1": "explicit LE"
        case "1.2.840.10008.1.2.2": "explicit BE"
        case "1.2.840.10008.1.2.1.99": "deflated"
        case "1.2.840.10008.1.2.4.50": "JPEG baseline"
        case "1.2.840.10008.1.2.4.70": "JPEG lossless"
        case "1.2.840.10008.1.2.4.90", "1.2.840.10008.1.2.4.91": "JPEG 2000"
        case "1.2.840.10008.1.2.5": "RLE"
        default: uid
        }
    }
}

extension Lake {
    /// The flag codes a person may raise, sorted.
    var flagVocabulary: [String] { configuration.flagCodes.keys.sorted() }
}

extension Workbench {
    func viewImaging(_ model: WorkbenchModel, in area: Rect, buffer: inout Buffer) {
        let state = model.imaging
        let filter = model.filter
        var crumbs = ["studies"]
        if let study = state.study, state.level != .studies { crumbs.append("study " + (study.cells.first ?? study.id)) }
        if let series = state.seriesRow, state.level == .instances { crumbs.append("series " + series.id) }
        Breadcrumbs(crumbs).render(in: area.row(0), buffer: &buffer)
        let body = Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - 1)
        switch state.level {
        case .studies, .series:
            let parts = body.split(.vertical, [.fill(3), .length(state.level == .series ? 6 : 0)])
            let block = Block(title: state.level == .studies ? "Studies" : "Series", isFocused: true)
            block.render(in: parts[0], buffer: &buffer)
            var table = state.currentList.table
            state.currentList.render(in: block.inner(parts[0]), buffer: &buffer, filter: filter, focused: true,
                                     empty: "no imaging studies", state: &table)
            if state.level == .series, let selected = state.series.selected(filter: filter) {
                let flags = Block(title: "Series")
                flags.render(in: parts[1], buffer: &buffer)
                var scroll = ScrollSelection(selected: nil)
                KeyValuePane([("series", selected.id), ("dataset", selected.dataset),
                              ("enter", "instances, tags and preview")])
                    .render(in: flags.inner(parts[1]), buffer: &buffer, state: &scroll)
            }
        case .instances:
            let columns = body.split(.horizontal, [.percentage(40), .fill(1)], spacing: 1)
            let left = columns[0].split(.vertical, [.fill(1), .length(min(8, 2 + max(1, state.seriesFlags.count)))])
            let listBlock = Block(title: "Instances", isFocused: state.focus == .list)
            listBlock.render(in: left[0], buffer: &buffer)
            var table = state.instances.table
            state.instances.render(in: listBlock.inner(left[0]), buffer: &buffer, filter: state.focus == .list ? filter : "",
                                   focused: state.focus == .list, empty: "no instances", state: &table)
            let flagBlock = Block(title: "Series flags")
            flagBlock.render(in: left[1], buffer: &buffer)
            let flagLines = state.seriesFlags.isEmpty ? ["none"]
                : state.seriesFlags.map { "\($0.severity) \($0.state) \($0.code)" }
            var flagList = ListState(selection: ScrollSelection(selected: nil))
            ListView(items: flagLines, isFocused: false).render(in: flagBlock.inner(left[1]), buffer: &buffer, state: &flagList)

            let right = columns[1].split(.vertical, [.percentage(55), .fill(1)])
            viewTags(state, filter: filter, in: right[0], buffer: &buffer)
            viewPreview(state, in: right[1], buffer: &buffer)
        }
    }

    private func viewTags(_ state: ImagingState, filter: String, in area: Rect, buffer: inout Buffer) {
        let block = Block(title: "Tags" + (state.focus == .tags && !filter.isEmpty ? " /" + filter : ""),
                          isFocused: state.focus == .tags)
        block.render(in: area, buffer: &buffer)
        let inner = block.inner(area)
        guard let inspection = state.inspection else { return }
        guard let value = inspection.value else {
            drawState(inspection, in: inner, buffer: &buffer)
            return
        }
        _ = value
        let lines = state.visibleTags(filter: filter)
        var selection = state.tags
        let visible = selection.scrollToSelection(height: inner.height, count: lines.count)
        for (offset, index) in visible.enumerated() {
            let line = lines[index]
            let selected = state.focus == .tags && index == selection.selected
            let row = inner.row(offset)
            let indent = String(repeating: "  ", count: line.depth)
            let marker = line.hasChildren ? "▾ " : "  "
            let text = indent + marker + line.tag + " " + (line.vr.isEmpty ? "" : line.vr + " ") + line.label
                + (line.isPrivate ? " [private]" : "") + "  " + line.value
            let role: TUI.Role = selected ? .selection : (line.isPrivate ? .warning : .normal)
            buffer.fill(row, role: role)
            buffer.write(text, column: row.x, row: row.y, width: row.width, role: role)
        }
    }

    private func viewPreview(_ state: ImagingState, in area: Rect, buffer: inout Buffer) {
        guard case .loaded(let inspection)? = state.inspection else {
            Block(title: "Preview").render(in: area, buffer: &buffer)
            return
        }
        switch inspection.preview {
        case .frame(let frame):
            let window = state.window ?? (frame.windowCenter, frame.windowWidth)
            let title = "Preview \(frame.width)×\(frame.height)  W \(Int(window.width)) L \(Int(window.center))"
            let block = Block(title: title)
            block.render(in: area, buffer: &buffer)
            if let image = GrayImage(width: frame.width, height: frame.height,
                                     pixels: frame.windowed(center: window.center, width: window.width)) {
                HalfBlockImage(image).render(in: block.inner(area), buffer: &buffer)
            }
        case .compressed(let syntax):
            let block = Block(title: "Preview")
            block.render(in: area, buffer: &buffer)
            buffer.write("compressed: " + TransferSyntaxName.short(syntax), column: area.x + 2, row: area.y + 1,
                         width: area.width - 3, role: .muted)
        case .unavailable(let reason):
            let block = Block(title: "Preview")
            block.render(in: area, buffer: &buffer)
            buffer.write("no preview: " + reason, column: area.x + 2, row: area.y + 1, width: area.width - 3, role: .muted)
        }
    }
}
