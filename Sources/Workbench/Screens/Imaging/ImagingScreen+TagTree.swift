import TUI

/// The tag tree of the inspected instance: the cursor over its shown lines, folds, and the `/` search
/// that jumps to (and, once committed, reveals) the matching tags.
extension ImagingScreen {
    /// The tag line under the cursor (an index into ``TagTree/lines``).
    var selectedTagLine: Int? {
        guard let position = tags.selected, position < tree.shown.count else { return nil }
        return tree.shown[position]
    }

    /// The tag search: the `/` text while the tags have the focus.
    var tagSearch: String { focus == .tags && level == .instances ? filter : "" }

    /// Puts the cursor back on line `line` after the shown lines changed.
    mutating func keepCursor(on line: Int) {
        let position = tree.shown.firstIndex(of: line) ?? tree.shown.lastIndex { $0 < line } ?? 0
        tags.select(position, count: tree.shown.count)
    }

    /// → expands (or steps into), ← collapses (or steps out), +/− fold everything, n/N walk the matches.
    mutating func fold(_ action: WorkbenchAction) {
        guard let line = selectedTagLine else { return }
        switch action {
        case .expand:
            if tree.isFolder(line), tree.isCollapsed(line) {
                tree.expand(line)
                keepCursor(on: line)
            } else if tree.isFolder(line) {
                keepCursor(on: line + 1)
            }
        case .collapse:
            if tree.isFolder(line), !tree.isCollapsed(line) {
                tree.collapse(line)
                keepCursor(on: line)
            } else if let parent = tree.parent[line] {
                keepCursor(on: parent)
            }
        case .expandAll:
            tree.expandAll()
            keepCursor(on: line)
        case .collapseAll:
            tree.collapseAll()
            var top = line
            while let parent = tree.parent[top] { top = parent }
            keepCursor(on: top)
        case .nextMatch, .previousMatch:
            jumpToMatch(forward: action == .nextMatch, from: line + (action == .nextMatch ? 1 : -1))
        default: break
        }
    }

    /// Moves the cursor to the first match of the tag search at or after (`forward`) or before `line`,
    /// wrapping around, and expands the sequences and items holding it.
    mutating func jumpToMatch(forward: Bool, from line: Int) {
        let matches = tree.matches(tagSearch)
        guard !matches.isEmpty else { return }
        let target = forward ? (matches.first { $0 >= line } ?? matches[0])
            : (matches.last { $0 <= line } ?? matches[matches.count - 1])
        tree.reveal(target)
        keepCursor(on: target)
    }

    /// After the tag search changed: jumps to the first match from the cursor; once committed,
    /// expands every match so all of them show.
    mutating func searchChanged(committed: Bool) {
        let search = tagSearch
        guard !search.isEmpty else { return }
        jumpToMatch(forward: true, from: selectedTagLine ?? 0)
        guard committed, search != revealedSearch, let current = selectedTagLine else { return }
        revealedSearch = search
        for match in tree.matches(search) { tree.reveal(match) }
        keepCursor(on: current)
    }
}
