/// A selected row and a scroll offset over `count` rows, shared by tables, lists, trees and the
/// command palette so that j/k, PgUp/PgDn and g/G behave the same everywhere.
public struct ScrollSelection: Sendable, Hashable {
    /// The selected row, or `nil` when there are no rows.
    public private(set) var selected: Int?
    /// The first row shown.
    public private(set) var offset: Int

    public init(selected: Int? = 0, offset: Int = 0) {
        self.selected = selected
        self.offset = max(0, offset)
    }

    /// Moves the selection by `delta` rows, clamped to `0..<count`.
    public mutating func move(by delta: Int, count: Int) {
        guard count > 0 else {
            selected = nil
            return
        }
        let current = min(selected ?? 0, count - 1)
        let (sum, overflow) = current.addingReportingOverflow(delta)
        selected = overflow ? (delta > 0 ? count - 1 : 0) : min(max(0, sum), count - 1)
    }

    /// Selects row `row`, clamped.
    public mutating func select(_ row: Int, count: Int) {
        selected = count > 0 ? min(max(0, row), count - 1) : nil
    }

    /// Keeps the selection valid after the row count changed (e.g. a filter was applied).
    public mutating func clamp(count: Int) {
        if count == 0 {
            selected = nil
            offset = 0
        } else {
            selected = min(selected ?? 0, count - 1)
            offset = min(offset, count - 1)
        }
    }

    /// Scrolls so the selected row lies within `height` visible rows; returns the visible range.
    @discardableResult
    public mutating func scrollToSelection(height: Int, count: Int) -> Range<Int> {
        guard height > 0, count > 0 else {
            offset = 0
            return 0..<0
        }
        offset = min(offset, max(0, count - height))
        if let selected {
            if selected < offset { offset = selected }
            if selected >= offset + height { offset = selected - height + 1 }
        }
        return offset..<min(count, offset + height)
    }

    /// Applies a navigation key: ↑/k, ↓/j, PgUp/PgDn (`page` rows), Home/g, End/G.
    /// Returns whether the key was one of these.
    @discardableResult
    public mutating func handle(_ key: Key, count: Int, page: Int) -> Bool {
        switch key {
        case .up, .character("k"): move(by: -1, count: count)
        case .down, .character("j"): move(by: 1, count: count)
        case .pageUp: move(by: -max(1, page), count: count)
        case .pageDown: move(by: max(1, page), count: count)
        case .home, .character("g"): select(0, count: count)
        case .end, .character("G"): select(count - 1, count: count)
        default: return false
        }
        return true
    }
}
