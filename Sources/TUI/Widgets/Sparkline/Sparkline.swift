/// A one-row chart of the most recent values (`▁▂▅▇█▃`), scaled to the largest value shown, for
/// throughput and queue lengths. The newest value is at the right edge.
public struct Sparkline: Widget, Sendable {
    public var values: [Double]
    /// Scale top; nil means the maximum of the values shown.
    public var maximum: Double?

    public init(values: [Double], maximum: Double? = nil) {
        self.values = values
        self.maximum = maximum
    }

    public func render(in area: Rect, buffer: inout Buffer) {
        guard !area.isEmpty else { return }
        let row = area.row(0)
        let levels = buffer.palette.glyphs.sparkline
        guard !levels.isEmpty else { return }
        let style = buffer.palette[.sparkline]
        buffer.fill(row, style: style)
        let shown = values.suffix(row.width).map { $0.isFinite ? max(0, $0) : 0 }
        let top = maximum ?? shown.max() ?? 0
        let start = row.right - shown.count
        for (offset, value) in shown.enumerated() {
            let level = top > 0 ? min(levels.count - 1, Int(value / top * Double(levels.count - 1) + 0.5)) : 0
            let symbol = value > 0 || top == 0 ? levels[level] : " "
            buffer.set(Cell(symbol, style: style), column: start + offset, row: row.y)
        }
    }
}
