/// A grid of ``Cell``s that widgets draw into; the runtime diffs it against the last frame.
///
/// Every write is clipped to the buffer, so a widget given a rectangle partly off-screen draws only
/// what fits. Text goes in through ``write(_:column:row:width:style:)``, which sanitizes it with
/// ``SafeText`` and lays it out by ``DisplayWidth``; there is no way to put raw text in a cell except
/// ``set(_:column:row:)`` with a symbol the caller built.
///
/// - warning: A `Buffer` is a value; it is not shared between threads while being drawn.
public struct Buffer: Sendable {
    /// The whole buffer, at the origin.
    public let area: Rect
    /// Styles by role and glyphs for the terminal this buffer is drawn for.
    public var palette: Palette
    private(set) var cells: [Cell]
    /// The rows focused tables drew (for mapping clicks; see ``TableRowHit``).
    public internal(set) var tableHits: [TableRowHit] = []

    /// A blank buffer of `width`×`height` cells.
    public init(width: Int, height: Int, palette: Palette = .plain) {
        area = Rect(width: width, height: height)
        self.palette = palette
        cells = Array(repeating: .blank, count: area.area)
    }

    // MARK: - Cells

    /// The cell at `column`, `row`; a blank outside the buffer.
    public subscript(column: Int, row: Int) -> Cell {
        guard area.contains(column: column, row: row) else { return .blank }
        return cells[row * area.width + column]
    }

    /// Puts `cell` at `column`, `row` (ignored outside the buffer). A wide character cut in half by
    /// the write loses its other half, which becomes a blank of the same style.
    public mutating func set(_ cell: Cell, column: Int, row: Int) {
        guard area.contains(column: column, row: row) else { return }
        let index = row * area.width + column
        if cells[index].isContinuation, column > area.x {
            cells[index - 1] = Cell(" ", style: cells[index - 1].style)
        }
        if column + 1 < area.right, cells[index + 1].isContinuation {
            cells[index + 1] = Cell(" ", style: cells[index + 1].style)
        }
        cells[index] = cell
    }

    /// Fills `rect` (clipped) with `symbol` in `style`.
    public mutating func fill(_ rect: Rect, symbol: String = " ", style: Style) {
        let clip = rect.intersection(area)
        guard !clip.isEmpty else { return }
        let cell = Cell(symbol, style: style)
        for row in clip.y..<clip.bottom {
            let start = row * area.width
            if clip.x > 0, cells[start + clip.x].isContinuation {
                cells[start + clip.x - 1] = Cell(" ", style: cells[start + clip.x - 1].style)
            }
            if clip.right < area.width, cells[start + clip.right].isContinuation {
                cells[start + clip.right] = Cell(" ", style: cells[start + clip.right].style)
            }
            for column in clip.x..<clip.right { cells[start + column] = cell }
        }
    }

    /// Fills `rect` with blanks in the style of `role`.
    public mutating func fill(_ rect: Rect, role: Role) {
        fill(rect, style: palette[role])
    }

    /// Changes the style of the cells in `rect` (clipped), keeping their text.
    public mutating func setStyle(_ rect: Rect, style: Style) {
        let clip = rect.intersection(area)
        guard !clip.isEmpty else { return }
        for row in clip.y..<clip.bottom {
            for column in clip.x..<clip.right { cells[row * area.width + column].style = style }
        }
    }

    /// Every cell back to a blank in the terminal's default look.
    public mutating func clear() {
        for index in cells.indices { cells[index] = .blank }
    }
}
