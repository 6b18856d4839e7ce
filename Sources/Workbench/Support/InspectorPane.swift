import Foundation
import TUI

/// One line of an ``InspectorPane``: a section heading, a `key  value` field, or a row of cells aligned
/// with the other rows of its section. Text is untrusted (sanitized when drawn).
struct InspectorLine: Sendable, Hashable {
    enum Kind: Sendable, Hashable { case heading, field, row, warning }

    var kind: Kind
    var cells: [String]
    /// Index of the section (its heading's position among the headings).
    var section: Int
    /// The cells joined and lower-cased once, as UTF-8, so searching thousands of lines per frame is a
    /// byte search rather than a Unicode-aware comparison per line.
    let folded: [UInt8]

    init(_ kind: Kind, _ cells: [String], section: Int) {
        self.kind = kind
        self.cells = cells
        self.section = section
        folded = Array(cells.joined(separator: " ").lowercased().utf8)
    }

    /// Whether the line holds `needle` (lower-cased UTF-8).
    func contains(_ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty else { return true }
        guard folded.count >= needle.count else { return false }
        return folded.withUnsafeBytes { haystack in
            needle.withUnsafeBytes { pattern in
                guard let start = haystack.baseAddress, let first = pattern.first, let bytes = pattern.baseAddress else {
                    return false
                }
                let last = haystack.count - pattern.count
                var offset = 0
                while offset <= last {
                    guard let hit = memchr(start + offset, Int32(first), last - offset + 1) else { return false }
                    let position = start.distance(to: UnsafeRawPointer(hit))
                    if memcmp(start + position, bytes, pattern.count) == 0 { return true }
                    offset = position + 1
                }
                return false
            }
        }
    }
}

/// A titled group of lines for an ``InspectorPane``, built by a screen from what it inspected.
struct InspectorSection: Sendable {
    var title: String
    var lines: [(kind: InspectorLine.Kind, cells: [String])] = []

    init(_ title: String) {
        self.title = title
    }

    mutating func field(_ key: String, _ value: String) { lines.append((.field, [key, value])) }
    mutating func row(_ cells: [String]) { lines.append((.row, cells)) }
    mutating func warning(_ text: String) { lines.append((.warning, [text])) }
}

/// A long, sectioned, read-only document (a genomic header: thousands of contigs) that scrolls line
/// by line, jumps between sections and narrows to the lines matching a search, keeping their headings.
///
/// Only the visible rows are laid out and drawn, so a 3,000-contig header scrolls as fast as a short one.
struct InspectorPane: Sendable {
    private(set) var lines: [InspectorLine] = []
    /// Column widths per section for its rows (capped, so one long value does not push the rest away).
    private(set) var widths: [[Int]] = []
    var selection = ScrollSelection()

    static let maxColumnWidth = 28

    /// Builds a pane from sections; each starts with a heading line holding its title.
    init(sections: [InspectorSection]) {
        for (index, section) in sections.enumerated() {
            lines.append(InspectorLine(.heading, [section.title], section: index))
            var columnWidths: [Int] = []
            for (kind, cells) in section.lines {
                lines.append(InspectorLine(kind, cells, section: index))
                guard kind == .row else { continue }
                for (column, cell) in cells.enumerated() {
                    let width = min(Self.maxColumnWidth, DisplayWidth.of(SafeText.sanitize(cell)))
                    if column < columnWidths.count {
                        columnWidths[column] = max(columnWidths[column], width)
                    } else {
                        columnWidths.append(width)
                    }
                }
            }
            widths.append(columnWidths)
        }
    }

    init() {}

    /// Indices of the lines shown under `search`: all, or the matching lines and their headings.
    func visible(search: String) -> [Int] {
        guard !search.isEmpty else { return Array(lines.indices) }
        let needle = Array(search.lowercased().utf8)
        var shown: [Int] = []
        var lastHeading: Int?
        for (index, line) in lines.enumerated() {
            if line.kind == .heading {
                lastHeading = index
                if line.contains(needle) { shown.append(index) }
                continue
            }
            guard line.contains(needle) else { continue }
            if let heading = lastHeading, shown.last.map({ $0 < heading }) ?? true { shown.append(heading) }
            shown.append(index)
        }
        return shown
    }

    /// Lines matching `search`, headings excluded (what the filter line counts).
    func matchCount(search: String) -> Int {
        visible(search: search).filter { lines[$0].kind != .heading || search.isEmpty }.count
    }

    /// j/k, PgUp/PgDn, g/G over the shown lines.
    mutating func navigate(_ key: Key, page: Int, search: String) {
        selection.handle(key, count: visible(search: search).count, page: page)
    }

    /// Moves the cursor to the next (`forward`) or previous section heading among the shown lines, and
    /// scrolls it to the top so the section's lines follow it.
    mutating func jumpSection(forward: Bool, search: String) {
        let shown = visible(search: search)
        let current = selection.selected ?? 0
        let headings = shown.indices.filter { lines[shown[$0]].kind == .heading }
        let target = forward ? headings.first { $0 > current } : headings.last { $0 < current }
        if let target { selection = ScrollSelection(selected: target, offset: target) }
    }

    /// The title of the section holding the cursor.
    func currentSection(search: String) -> String? {
        let shown = visible(search: search)
        guard let selected = selection.selected, selected < shown.count else { return nil }
        let section = lines[shown[selected]].section
        return lines.first { $0.section == section && $0.kind == .heading }?.cells.first
    }

    // MARK: - Rendering

    func render(in area: Rect, buffer: inout Buffer, search: String, focused: Bool) {
        guard !area.isEmpty else { return }
        let shown = visible(search: search)
        if shown.isEmpty {
            buffer.write(search.isEmpty ? "nothing to show" : "nothing matches /" + search, column: area.x + 1,
                         row: area.y, width: area.width - 1, role: .muted)
            return
        }
        var scroll = selection
        let range = scroll.scrollToSelection(height: area.height, count: shown.count)
        for (offset, position) in range.enumerated() {
            let line = lines[shown[position]]
            let row = area.row(offset)
            let selected = focused && position == scroll.selected
            draw(line, in: row, buffer: &buffer, selected: selected)
        }
    }

    private func draw(_ line: InspectorLine, in row: Rect, buffer: inout Buffer, selected: Bool) {
        let base: Role = selected ? .selection : .normal
        buffer.fill(row, role: base)
        switch line.kind {
        case .heading:
            buffer.write("▸ " + (line.cells.first ?? ""), column: row.x, row: row.y, width: row.width,
                         role: selected ? .selection : .title)
        case .warning:
            buffer.write("  ! " + line.cells.joined(separator: " "), column: row.x, row: row.y, width: row.width,
                         role: selected ? .selection : .warning)
        case .field:
            let key = line.cells.first ?? ""
            let keyWidth = min(22, max(1, row.width / 3))
            buffer.write("  " + key, column: row.x, row: row.y, width: keyWidth, role: selected ? .selection : .muted)
            let x = row.x + keyWidth + 1
            guard x < row.right else { return }
            buffer.write(line.cells.dropFirst().joined(separator: " "), column: x, row: row.y, width: row.right - x,
                         role: base)
        case .row:
            var x = row.x + 2
            let columnWidths = widths.indices.contains(line.section) ? widths[line.section] : []
            for (column, cell) in line.cells.enumerated() where x < row.right {
                let last = column == line.cells.count - 1
                let width = last ? row.right - x : min(row.right - x, columnWidths.indices.contains(column)
                    ? columnWidths[column] : DisplayWidth.of(cell))
                buffer.write(cell, column: x, row: row.y, width: width, role: base)
                x += width + 2
            }
        }
    }
}
