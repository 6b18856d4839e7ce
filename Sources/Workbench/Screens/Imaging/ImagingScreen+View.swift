import LakeEngine
import TUI

extension ImagingScreen {
    func view(in area: Rect, buffer: inout Buffer, context: ScreenContext) {
        let state = self
        var crumbs = ["studies"]
        if let study = state.study, state.level != .studies { crumbs.append("study " + (study.cells.first ?? study.id)) }
        if let series = state.seriesRow, state.level == .instances { crumbs.append("series " + series.id) }
        Breadcrumbs(crumbs).render(in: area.row(0), buffer: &buffer)
        let body = Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - 1)
        switch state.level {
        case .studies, .series:
            let parts = body.split(.vertical, [.fill(3), .length(state.level == .series ? 6 : 0)])
            let marked = state.marks[state.level]?.count ?? 0
            let block = Block(title: (state.level == .studies ? "Studies" : "Series") + (marked > 0 ? " · \(marked) marked" : ""),
                              isFocused: true)
            block.render(in: parts[0], buffer: &buffer)
            var table = state.currentList.table
            state.currentList.render(in: block.inner(parts[0]), buffer: &buffer, filter: filter, focused: true,
                                     empty: "no imaging studies", marks: state.marks[state.level] ?? [], state: &table)
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
            viewTags(in: right[0], buffer: &buffer)
            viewPreview(in: right[1], buffer: &buffer)
        }
    }

    private func viewTags(in area: Rect, buffer: inout Buffer) {
        let state = self
        let search = state.tagSearch
        let tree = state.tree
        let folded = tree.lines.indices.filter { tree.isFolder($0) && tree.isCollapsed($0) }.count
        let block = Block(title: "Tags" + (folded > 0 ? " · \(folded) folded" : "") + (search.isEmpty ? "" : " /" + search),
                          isFocused: state.focus == .tags)
        block.render(in: area, buffer: &buffer)
        let inner = block.inner(area)
        guard let inspection = state.inspection else { return }
        guard inspection.value != nil else {
            inspection.drawStatus(in: inner, buffer: &buffer)
            return
        }
        var selection = state.tags
        let visible = selection.scrollToSelection(height: inner.height, count: tree.shown.count)
        for (offset, position) in visible.enumerated() {
            let index = tree.shown[position]
            let line = tree.lines[index]
            let selected = state.focus == .tags && position == selection.selected
            let matched = !search.isEmpty && (line.label.localizedCaseInsensitiveContains(search)
                || line.value.localizedCaseInsensitiveContains(search) || line.tag.localizedCaseInsensitiveContains(search))
            let row = inner.row(offset)
            let indent = String(repeating: "  ", count: line.depth)
            let marker = tree.isFolder(index) ? (tree.isCollapsed(index) ? "▸ " : "▾ ") : "  "
            let text = indent + marker + line.tag + " " + (line.vr.isEmpty ? "" : line.vr + " ") + line.label
                + (line.isPrivate ? " [private]" : "") + "  " + line.value
            let role: TUI.Role = selected ? .selection : (matched ? .match : (line.isPrivate ? .warning : .normal))
            buffer.fill(row, role: role)
            buffer.write(text, column: row.x, row: row.y, width: row.width, role: role)
        }
    }

    private func viewPreview(in area: Rect, buffer: inout Buffer) {
        let state = self
        guard case .loaded(let inspection)? = state.inspection else {
            Block(title: "Preview").render(in: area, buffer: &buffer)
            return
        }
        switch inspection.preview {
        case .frame(let frame):
            let window = state.window ?? (frame.windowCenter, frame.windowWidth)
            let title = "Preview \(frame.sourceWidth)×\(frame.sourceHeight)  W \(Int(window.width)) L \(Int(window.center))"
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
