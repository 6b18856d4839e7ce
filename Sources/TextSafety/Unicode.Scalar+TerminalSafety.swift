// MARK: - Terminal-interpreted scalars

/// Which Unicode scalars a terminal acts on instead of showing: the one list every sanitizer, JSON escaper and
/// name check uses.
///
/// Terminals act on control characters (`ESC [ 2 J` clears the screen, OSC 52 writes the clipboard, the
/// one-byte CSI U+009B starts a sequence on some terminals), and bidi controls reorder what the reader sees, so
/// text from a file, the catalog or a user must never reach a terminal with these raw. `TUI.SafeText` replaces
/// them with visible stand-ins, the CLI's JSON encoder writes them as `\uXXXX` escapes, and the lake refuses
/// dataset names holding them.
extension Unicode.Scalar {
    /// C0 controls (U+0000–U+001F), DEL (U+007F) and C1 controls (U+0080–U+009F).
    public var isTerminalControl: Bool {
        value < 0x20 || (0x7F...0x9F).contains(value)
    }

    /// Bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) and the implicit marks U+200E,
    /// U+200F and U+061C, which reorder the text around them.
    public var isBidiControl: Bool {
        switch value {
        case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: true
        default: false
        }
    }

    /// The line and paragraph separators U+2028 and U+2029, which some terminals treat as line breaks.
    public var isUnicodeLineSeparator: Bool {
        value == 0x2028 || value == 0x2029
    }

    /// Whether a terminal may act on this scalar rather than show it: a control, a bidi control or a Unicode
    /// line separator.
    public var isTerminalInterpreted: Bool {
        isTerminalControl || isBidiControl || isUnicodeLineSeparator
    }
}
