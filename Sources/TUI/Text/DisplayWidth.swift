/// How many terminal cells text occupies, measured the way the terminal measures it.
///
/// ncurses and tmux advance the cursor by `wcwidth` of each code point, not by grapheme clusters:
/// `山田` takes 4 cells, a combining accent 0, a zero-width joiner 0, so a ZWJ emoji family takes the
/// sum of its members. The table in `WidthTable.swift` is read off glibc's `wcwidth`, so the buffer
/// and the screen agree cell for cell.
///
/// Two deliberate departures keep the layout deterministic where terminals disagree:
/// - A narrow base followed by VS16 (U+FE0F, emoji presentation) is *uncertain*: some terminals draw
///   it in one cell, some in two. The toolkit reserves two cells and draws the base without the
///   selector followed by a blank, which looks right on both kinds.
/// - A code point the terminal cannot print (`wcwidth` = -1, e.g. unassigned) is drawn as U+FFFD.
///
/// ## Topics
/// - ``wcwidth(_:)``, ``of(_:)``, ``truncate(_:to:ellipsis:)``, ``truncateMiddle(_:to:ellipsis:)``,
///   ``pad(_:to:alignment:)``
public enum DisplayWidth {
    /// The C library's `wcwidth` of `scalar`: -1 (not printable), 0, 1 or 2.
    @inline(__always)
    public static func wcwidth(_ scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value >= 0x20 && value < 0x7F { return 1 }
        var low = 0
        var high = runs.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if runs[mid] & 0x00FF_FFFF <= value { low = mid } else { high = mid - 1 }
        }
        return Int(runs[low] >> 24) - 1
    }

    /// The number of cells `text` occupies once laid out by ``TextCells`` (sanitized first).
    public static func of(_ text: String) -> Int {
        var total = 0
        for cell in TextCells(text) { total += cell.width }
        return total
    }

    /// `text` cut to at most `width` cells, ending in `ellipsis` when something was cut.
    ///
    /// A wide character never straddles the limit: it is dropped and the gap left as is (callers pad).
    public static func truncate(_ text: String, to width: Int, ellipsis: String = "…") -> String {
        guard width > 0 else { return "" }
        let cells = Array(TextCells(text))
        let total = cells.reduce(0) { $0 + $1.width }
        if total <= width { return cells.map(\.symbol).joined() }
        let ellipsisWidth = of(ellipsis)
        let budget = ellipsisWidth <= width ? width - ellipsisWidth : width
        var used = 0
        var out = ""
        for cell in cells {
            if used + cell.width > budget { break }
            out += cell.symbol
            used += cell.width
        }
        return ellipsisWidth <= width ? out + ellipsis : out
    }

    /// `text` cut to at most `width` cells by taking cells out of its middle, where `ellipsis` goes.
    ///
    /// The end keeps the larger share (two thirds): UIDs and file names differ at the end
    /// (`…0.0.0.12`, `…_R2_001.fastq.gz`). A wide character never straddles either cut.
    public static func truncateMiddle(_ text: String, to width: Int, ellipsis: String = "…") -> String {
        guard width > 0 else { return "" }
        let cells = Array(TextCells(text))
        let total = cells.reduce(0) { $0 + $1.width }
        if total <= width { return cells.map(\.symbol).joined() }
        let ellipsisWidth = of(ellipsis)
        guard ellipsisWidth < width else { return truncate(text, to: width, ellipsis: ellipsis) }
        let budget = width - ellipsisWidth
        let tailBudget = (budget * 2 + 2) / 3
        var tail: [String] = []
        var tailUsed = 0
        for cell in cells.reversed() {
            if tailUsed + cell.width > tailBudget { break }
            tail.append(cell.symbol)
            tailUsed += cell.width
        }
        var head = ""
        var headUsed = 0
        for cell in cells {
            if headUsed + cell.width > budget - tailUsed { break }
            head += cell.symbol
            headUsed += cell.width
        }
        return head + ellipsis + tail.reversed().joined()
    }

    /// `text` truncated (with an ellipsis) or padded with spaces to exactly `width` cells.
    public static func pad(_ text: String, to width: Int, alignment: Alignment = .left) -> String {
        let cut = truncate(text, to: width)
        let gap = max(0, width - of(cut))
        switch alignment {
        case .left: return cut + String(repeating: " ", count: gap)
        case .right: return String(repeating: " ", count: gap) + cut
        case .center:
            let left = gap / 2
            return String(repeating: " ", count: left) + cut + String(repeating: " ", count: gap - left)
        }
    }
}

/// Horizontal placement of text inside a wider area.
public enum Alignment: Sendable, Hashable {
    case left, center, right
}
