import TextSafety

/// Text from an untrusted source (a file, the catalog, a user), made safe to show on a terminal.
///
/// Terminals act on control characters: `ESC [ 2 J` clears the screen, OSC 52 writes the clipboard,
/// the one-byte CSI U+009B starts a sequence on some terminals, and bidi overrides reorder what the
/// reader sees. `SafeText` is the only way data text reaches a terminal: every such character is
/// replaced by a visible stand-in and never emitted.
///
/// - C0 controls and DEL become caret notation (`ESC` → `^[`, `\r` → `^M`, `\n` → `^J`, DEL → `^?`),
///   so a newline cannot break a table row.
/// - Tabs expand to spaces up to the next multiple of ``tabWidth`` (counted in scalars of the line).
/// - C1 controls (U+0080–U+009F), bidi controls (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F,
///   U+061C) and the line/paragraph separators U+2028/U+2029 become U+FFFD.
///
/// The list of such characters is `Unicode.Scalar.isTerminalInterpreted` (module `TextSafety`), shared with
/// the CLI's JSON encoder and the lake's name checks.
public struct SafeText: Sendable, Hashable, CustomStringConvertible {
    /// The sanitized text; it contains no character a terminal would interpret.
    public let text: String

    /// Sanitizes `untrusted`.
    public init(_ untrusted: String, tabWidth: Int = 4) {
        text = Self.sanitize(untrusted, tabWidth: tabWidth)
    }

    public var description: String { text }

    /// Tab stops used when no other width is given.
    public static let defaultTabWidth = 4

    /// Returns `untrusted` with every terminal-interpreted character replaced by a visible stand-in.
    public static func sanitize(_ untrusted: String, tabWidth: Int = defaultTabWidth) -> String {
        guard untrusted.unicodeScalars.contains(where: needsEscape) else { return untrusted }
        var out = String.UnicodeScalarView()
        var column = 0
        for scalar in untrusted.unicodeScalars {
            switch scalar.value {
            case 0x09:
                let width = max(1, tabWidth)
                let spaces = width - column % width
                out.append(contentsOf: repeatElement(" ", count: spaces))
                column += spaces
            case 0x00...0x1F:
                out.append("^")
                out.append(Unicode.Scalar(UInt8(scalar.value) + 0x40))
                column += 2
            case 0x7F:
                out.append(contentsOf: "^?".unicodeScalars)
                column += 2
            default:
                out.append(isReplaced(scalar) ? replacement : scalar)
                column += 1
            }
        }
        return String(out)
    }

    /// Whether `scalar` would be altered by ``sanitize(_:tabWidth:)``.
    public static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isTerminalInterpreted
    }

    private static let replacement: Unicode.Scalar = "\u{FFFD}"

    private static func isReplaced(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value >= 0x80 && scalar.isTerminalInterpreted
    }
}
