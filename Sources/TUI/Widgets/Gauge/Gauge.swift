/// A progress bar with a label: `████████▌        37.5%  12.3 MB/s  ETA 1:02`.
///
/// With Unicode the bar resolves eighths of a cell; in ASCII it is `#` and `.` by whole cells.
public struct Gauge: Widget, Sendable {
    /// 0…1 (clamped).
    public var fraction: Double
    /// Drawn to the right of the bar.
    public var label: String

    public init(fraction: Double, label: String = "") {
        self.fraction = fraction.isFinite ? min(1, max(0, fraction)) : 0
        self.label = label
    }

    /// A gauge showing `meter`'s fraction and its label.
    public init(_ meter: ProgressMeter) {
        self.init(fraction: meter.fraction, label: meter.label)
    }

    public func render(in area: Rect, buffer: inout Buffer) {
        guard !area.isEmpty else { return }
        let row = area.row(0)
        let labelWidth = label.isEmpty ? 0 : min(DisplayWidth.of(label) + 1, row.width / 2)
        let barWidth = row.width - labelWidth
        let glyphs = buffer.palette.glyphs
        let filled = buffer.palette[.gaugeFilled]
        let empty = buffer.palette[.gaugeEmpty]
        let eighths = Int((fraction * Double(barWidth * 8)).rounded(.down))
        // Eighths need Unicode and a full set of eight glyphs; otherwise whole cells only.
        let unicode = glyphs.unicodeText && glyphs.eighths.count == 8
        let full = unicode ? eighths / 8 : Int((fraction * Double(barWidth)).rounded())
        for column in 0..<barWidth {
            let x = row.x + column
            if column < full {
                buffer.set(Cell(glyphs.eighths.last ?? "#", style: filled), column: x, row: row.y)
            } else if unicode, column == full, eighths % 8 > 0 {
                buffer.set(Cell(glyphs.eighths[eighths % 8 - 1], style: filled), column: x, row: row.y)
            } else {
                buffer.set(Cell(glyphs.gaugeEmpty, style: empty), column: x, row: row.y)
            }
        }
        if labelWidth > 0 {
            buffer.write(
                " " + label,
                in: Rect(x: row.x + barWidth, y: row.y, width: labelWidth, height: 1),
                role: .normal
            )
        }
    }
}
