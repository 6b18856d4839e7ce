/// A terminal colour: the terminal's own default, or an index into its palette.
///
/// Indexes 0–15 are the ANSI colours (8–15 the bright ones), 16–231 the 6×6×6 cube and 232–255 the
/// grayscale ramp. Which indexes a terminal has is a ``ColorDepth``; ``Theme`` picks per depth.
public enum Color: Sendable, Hashable {
    case `default`
    case indexed(UInt8)
}

/// How many colours the terminal can show.
public enum ColorDepth: Int, Sendable, Hashable, Comparable {
    /// No colour (`NO_COLOR`, or a terminal without colour): attributes only.
    case monochrome = 0
    /// 8 colours, e.g. `TERM=screen`.
    case ansi8 = 8
    /// 16 colours.
    case ansi16 = 16
    /// 256 colours.
    case ansi256 = 256

    public static func < (lhs: ColorDepth, rhs: ColorDepth) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The depth of a terminal reporting `colors` colours.
    public init(colors: Int) {
        switch colors {
        case 256...: self = .ansi256
        case 16...: self = .ansi16
        case 8...: self = .ansi8
        default: self = .monochrome
        }
    }
}
