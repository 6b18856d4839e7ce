import LakeEngine
import TUI

extension GenomicsScreen {
    func view(in area: Rect, buffer: inout Buffer, context: ScreenContext) {
        let state = self
        let rows = area.split(.vertical, [.percentage(38), .fill(1)])
        let left = rows[0].split(.horizontal, [.percentage(55), .fill(1)], spacing: 1)
        let samplesBlock = Block(title: "Samples" + (marks.isEmpty ? "" : " · \(marks.count) marked"),
                                 isFocused: state.focus == .samples)
        samplesBlock.render(in: left[0], buffer: &buffer)
        var table = state.samples.table
        state.samples.render(in: samplesBlock.inner(left[0]), buffer: &buffer, filter: state.sampleSearch,
                             focused: state.focus == .samples, empty: "no genomic samples", marks: marks, state: &table)

        let filesBlock = Block(title: "Files" + (state.filesOf.map { " · " + $0.id } ?? ""),
                               isFocused: state.focus == .files)
        filesBlock.render(in: left[1], buffer: &buffer)
        if let files = state.files {
            if let entries = files.value, entries.isEmpty {
                let inner = filesBlock.inner(left[1])
                buffer.write("no files", column: inner.x + 1, row: inner.y, width: inner.width - 1, role: .muted)
            } else if let entries = files.value {
                // Paths are cut in the middle: paired reads differ only near the end (`…_R1_001.fastq.gz`).
                var table = TableState(selection: state.fileSelection)
                Table(columns: [TableColumn("FORMAT"), TableColumn("SIZE", alignment: .right),
                                TableColumn("PATH", width: .fill(), truncation: .middle)],
                      source: TableRows(entries.map { [$0.format, Formatting.bytes($0.size), $0.path] }),
                      isFocused: state.focus == .files)
                    .render(in: filesBlock.inner(left[1]), buffer: &buffer, state: &table)
            } else {
                files.drawStatus(in: filesBlock.inner(left[1]), buffer: &buffer)
            }
        }

        let search = state.inspectorSearch
        let section = state.inspector.currentSection(search: search).map { " · " + $0 } ?? ""
        let inspectorBlock = Block(title: "Inspector" + (state.focus == .inspector ? section : "")
                                   + (search.isEmpty ? "" : " /" + search), isFocused: state.focus == .inspector)
        inspectorBlock.render(in: rows[1], buffer: &buffer)
        guard state.selectedFile != nil else {
            let inner = inspectorBlock.inner(rows[1])
            buffer.write(state.files == nil ? "select a sample" : "select a file", column: inner.x + 1, row: inner.y,
                         width: inner.width - 1, role: .muted)
            return
        }
        state.inspector.render(in: inspectorBlock.inner(rows[1]), buffer: &buffer, search: search,
                               focused: state.focus == .inspector)
    }
}
