/// Splits sanitized text into terminal cells: one printable base code point plus the zero-width code
/// points that follow it (combining marks, ZWJ), with the cell count the terminal will advance.
///
/// The text is passed through ``SafeText/sanitize(_:tabWidth:)`` first, so control characters and bidi
/// overrides arrive as visible stand-ins and can never reach the terminal. See ``DisplayWidth`` for the
/// VS16 and unprintable rules. At most four zero-width code points are kept per cell, the limit of an
/// ncurses `cchar_t`; extra ones are dropped (they would be dropped on screen anyway). Zero-width
/// joiners are dropped too, so an emoji sequence shows as its members side by side, exactly as wide
/// as wcwidth says, on terminals that join sequences and on those that do not.
public struct TextCells: Sequence, Sendable {
    /// One cell-sized piece of text.
    public struct Element: Sendable, Hashable {
        /// What the terminal is given: a base code point and its combining marks.
        public var symbol: String
        /// 1 or 2.
        public var width: Int
    }

    private let scalars: String.UnicodeScalarView

    /// Cells of `text`, which is sanitized here.
    public init(_ text: String) {
        scalars = SafeText.sanitize(text).unicodeScalars
    }

    public func makeIterator() -> Iterator { Iterator(scalars: scalars) }

    /// Walks the scalars once; no grapheme breaking, so it costs about as much as the UTF-8 decode.
    public struct Iterator: IteratorProtocol {
        private let scalars: String.UnicodeScalarView
        private var index: String.UnicodeScalarView.Index
        private var pendingBlank = false

        init(scalars: String.UnicodeScalarView) {
            self.scalars = scalars
            index = scalars.startIndex
        }

        private static let variationSelector16: UInt32 = 0xFE0F
        private static let zeroWidthJoiner: UInt32 = 0x200D
        private static let maximumMarks = 4

        public mutating func next() -> Element? {
            if pendingBlank {
                pendingBlank = false
                return Element(symbol: " ", width: 1)
            }
            guard index < scalars.endIndex else { return nil }
            let base = scalars[index]
            scalars.formIndex(after: &index)
            var symbol: String
            var width = DisplayWidth.wcwidth(base)
            switch width {
            case 0:
                // A mark with nothing to sit on: give it a blank to combine with.
                symbol = " "
                symbol.unicodeScalars.append(base)
                width = 1
            case -1:
                symbol = "\u{FFFD}"
                width = 1
            default:
                symbol = String(base)
            }
            var marks = 0
            while index < scalars.endIndex {
                let next = scalars[index]
                guard DisplayWidth.wcwidth(next) == 0 else { break }
                scalars.formIndex(after: &index)
                if next.value == Self.zeroWidthJoiner {
                    // Dropped: a terminal that joins `👩‍🔬` into one glyph would advance 2 cells where
                    // wcwidth (and ncurses) count 4, shifting the rest of the row.
                    continue
                } else if next.value == Self.variationSelector16 {
                    // Uncertain width: reserve a second cell as an explicit blank.
                    pendingBlank = width == 1
                } else if marks < Self.maximumMarks {
                    symbol.unicodeScalars.append(next)
                    marks += 1
                }
            }
            return Element(symbol: symbol, width: width)
        }
    }
}
