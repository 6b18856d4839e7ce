import LakeEngine

/// The DICOM tag tree of one instance with its folds: which sequences and items are collapsed, and
/// the lines that shows.
///
/// Sequences and items deeper than ``expandedDepth`` start collapsed, so a multi-frame object with
/// thousands of nested items opens short; the item and element counts stay on the folded lines.
struct TagTree: Sendable {
    /// Lines at this depth or shallower start expanded.
    static let expandedDepth = 1

    private(set) var lines: [TagLine]
    /// For each line, the index just past its last descendant.
    private(set) var subtreeEnd: [Int]
    /// For each line, its parent line (nil at depth 0).
    private(set) var parent: [Int?]
    private(set) var collapsed: Set<Int>
    /// Indices of the lines shown, in order (recomputed when a fold changes).
    private(set) var shown: [Int] = []

    init(_ lines: [TagLine]) {
        self.lines = lines
        var ends = Array(lines.indices.map { $0 + 1 })
        var parents = [Int?](repeating: nil, count: lines.count)
        var open: [Int] = []
        for (index, line) in lines.enumerated() {
            while let last = open.last, lines[last].depth >= line.depth {
                ends[last] = index
                open.removeLast()
            }
            parents[index] = open.last
            if line.hasChildren { open.append(index) }
        }
        for index in open { ends[index] = lines.count }
        subtreeEnd = ends
        parent = parents
        collapsed = Set(lines.indices.filter { lines[$0].hasChildren && lines[$0].depth > Self.expandedDepth })
        recompute()
    }

    /// Whether line `index` has lines under it.
    func isFolder(_ index: Int) -> Bool { subtreeEnd[index] > index + 1 }

    func isCollapsed(_ index: Int) -> Bool { collapsed.contains(index) }

    mutating func expand(_ index: Int) {
        guard collapsed.remove(index) != nil else { return }
        recompute()
    }

    mutating func collapse(_ index: Int) {
        guard isFolder(index), collapsed.insert(index).inserted else { return }
        recompute()
    }

    mutating func expandAll() {
        collapsed = []
        recompute()
    }

    /// Folds every sequence and item, leaving the top-level elements.
    mutating func collapseAll() {
        collapsed = Set(lines.indices.filter(isFolder))
        recompute()
    }

    /// Expands every ancestor of line `index`, so it is shown.
    mutating func reveal(_ index: Int) {
        var changed = false
        var current = parent.indices.contains(index) ? parent[index] : nil
        while let ancestor = current {
            if collapsed.remove(ancestor) != nil { changed = true }
            current = parent[ancestor]
        }
        if changed { recompute() }
    }

    /// Line indices whose tag, keyword or value contains `query` (case-insensitive), in order.
    func matches(_ query: String) -> [Int] {
        guard !query.isEmpty else { return [] }
        return lines.indices.filter {
            let line = lines[$0]
            return line.label.localizedCaseInsensitiveContains(query) || line.value.localizedCaseInsensitiveContains(query)
                || line.tag.localizedCaseInsensitiveContains(query)
        }
    }

    private mutating func recompute() {
        var result: [Int] = []
        result.reserveCapacity(lines.count)
        var index = 0
        while index < lines.count {
            result.append(index)
            index = collapsed.contains(index) ? subtreeEnd[index] : index + 1
        }
        shown = result
    }
}
