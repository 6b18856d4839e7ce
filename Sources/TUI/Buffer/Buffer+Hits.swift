/// Where a focused ``Table`` drew its rows in a frame, so a click can be mapped to a row index.
///
/// A view is a pure function of the model, so a program finds what is under the mouse by drawing the
/// frame again into a scratch buffer and asking it (``Buffer/tableRow(at:row:)``); the cost is one frame.
public struct TableRowHit: Sendable, Hashable {
    /// The cells of the data rows (the header excluded).
    public var area: Rect
    /// The row index drawn on the first line of ``area``.
    public var firstRow: Int
    /// How many rows were drawn.
    public var count: Int
}

extension Buffer {
    /// The row index of the focused table drawn at `column`, `row` in this frame, if any.
    public func tableRow(at column: Int, row: Int) -> Int? {
        for hit in tableHits where hit.area.contains(column: column, row: row) {
            let index = row - hit.area.y
            if index < hit.count { return hit.firstRow + index }
        }
        return nil
    }
}
