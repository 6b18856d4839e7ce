import Foundation
import TUI

/// Encodes values as JSON that is safe to print on a terminal and still exact.
///
/// `JSONEncoder` escapes C0 controls but leaves DEL, C1 controls and bidi overrides raw, and those reorder or
/// hijack a terminal when `--json` output is read there. Every scalar `SafeText` would alter is written as a
/// `\uXXXX` escape instead (all such scalars are in the BMP), so parsers get the file's exact text back.
enum TerminalSafeJSON {
    /// Pretty-printed, key-sorted JSON for `value`, followed by a newline.
    static func encode(_ value: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let json = String(decoding: try encoder.encode(value), as: UTF8.self)
        var escaped = String.UnicodeScalarView()
        for scalar in json.unicodeScalars {
            if scalar.value >= 0x20, SafeText.needsEscape(scalar) {
                escaped.append(contentsOf: String(format: "\\u%04x", scalar.value).unicodeScalars)
            } else {
                escaped.append(scalar)
            }
        }
        return Data((String(escaped) + "\n").utf8)
    }
}
