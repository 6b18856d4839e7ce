import Foundation

/// The one JSON encoder behind everything the CLI prints as JSON and the workbench exports: exact, and safe
/// to show on a terminal.
///
/// `JSONEncoder` escapes C0 controls but leaves DEL, C1 controls (the one-byte CSI U+009B among them) and bidi
/// overrides raw, and those hijack or reorder a terminal when `--json` output is read there. Every scalar
/// ``SafeText/needsEscape(_:)`` names is written as a `\uXXXX` escape instead, in keys and values alike (all
/// such scalars are in the BMP, so one escape each), and parsers get the exact text back.
///
/// ```swift
/// let data = try TerminalSafeJSON.encode(["note": "\u{9B}31m"])   // {"note" : "\u009b31m"}
/// ```
public enum TerminalSafeJSON {
    /// Pretty-printed, key-sorted JSON for `value` (dates in ISO 8601), followed by a newline.
    public static func encode(_ value: some Encodable) throws -> Data {
        try encode(value, formatting: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
    }

    /// `value` as one line of compact, key-sorted JSON and a newline: a JSON-lines record for a stream.
    public static func encodeLine(_ value: some Encodable) throws -> Data {
        try encode(value, formatting: [.sortedKeys, .withoutEscapingSlashes])
    }

    private static func encode(_ value: some Encodable, formatting: JSONEncoder.OutputFormatting) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = formatting
        encoder.dateEncodingStrategy = .iso8601
        var data = escape(try encoder.encode(value))
        data.append(0x0A)
        return data
    }

    /// `json` (valid JSON text) with every terminal-interpreted scalar written as a `\uXXXX` escape.
    ///
    /// Such scalars can only occur inside JSON strings (whitespace between tokens is space, tab, CR and LF,
    /// which the encoder never emits raw inside strings), so escaping them keeps the document's meaning.
    /// Whitespace between tokens is kept as it is.
    public static func escape(_ json: some Collection<UInt8>) -> Data {
        let text = String(decoding: json, as: UTF8.self)
        guard text.unicodeScalars.contains(where: isEscaped) else { return Data(json) }
        var escaped = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isEscaped(scalar) {
                escaped.append(contentsOf: String(format: "\\u%04x", scalar.value).unicodeScalars)
            } else {
                escaped.append(scalar)
            }
        }
        return Data(String(escaped).utf8)
    }

    /// Tab, LF and CR outside strings are JSON whitespace; inside strings the encoder already escapes them.
    private static func isEscaped(_ scalar: Unicode.Scalar) -> Bool {
        scalar != "\t" && scalar != "\n" && scalar != "\r" && SafeText.needsEscape(scalar)
    }
}
