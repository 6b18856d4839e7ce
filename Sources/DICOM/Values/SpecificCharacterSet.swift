/// The character sets of a data set's text, from Specific Character Set (0008,0005) (PS3.3 §C.12.1.1.2).
///
/// Text VRs with a repertoire of their own (AE, CS, DA, UI, …) always use the default repertoire; SH, LO,
/// ST, LT, PN, UC and UT use these sets. One term names a single-byte or multi-byte set used alone
/// (`ISO_IR 100`, `ISO_IR 192`, `GB18030`); `ISO 2022 …` terms enable code extensions where escape
/// sequences switch sets inside a value (PS3.5 §6.1.2.5), as Japanese and Korean data do.
public struct SpecificCharacterSet: Sendable, Hashable {
    /// The defined terms, as written (trimmed); the first may be empty, meaning the default repertoire.
    public let terms: [String]

    /// The default repertoire (ISO-IR 6, i.e. ASCII).
    public static let `default` = SpecificCharacterSet(terms: [])

    public init(terms: [String]) {
        self.terms = terms
    }

    /// Parses the value of (0008,0005).
    public init(value: [UInt8]) {
        let text = String(decoding: value, as: UTF8.self)
        terms = text.split(separator: "\\", omittingEmptySubsequences: false)
            .map { $0.trimmingSpaces() }
        .reduce(into: [String]()) { $0.append($1) }
        .dropLastEmpty()
    }

    /// Terms MedLake cannot decode; text in such a data set is kept as bytes.
    public var unknownTerms: [String] {
        terms.filter { !$0.isEmpty && Self.encoding(forTerm: $0) == nil }
    }

    /// Whether escape sequences may switch sets inside a value.
    public var usesCodeExtensions: Bool { terms.contains { $0.hasPrefix("ISO 2022") } }

    /// Decodes a text value's bytes. Returns `nil` when a term is unknown (the caller keeps the bytes).
    public func decode(_ bytes: [UInt8]) -> String? {
        guard unknownTerms.isEmpty else { return nil }
        if usesCodeExtensions {
            return ISO2022Decoder(initial: terms.first ?? "").decode(bytes)
        }
        guard let term = terms.first, !term.isEmpty, let encoding = Self.encoding(forTerm: term) else {
            return Self.decodeDefault(bytes)
        }
        return encoding.decode(bytes)
    }

    /// Default repertoire text; bytes above 0x7F are not allowed there but are common, and are read as Latin-1.
    static func decodeDefault(_ bytes: [UInt8]) -> String {
        if bytes.allSatisfy({ $0 < 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
        return String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
    }

    /// An encoding a term selects.
    enum Encoding: Hashable {
        case latin1
        case utf8
        case jisX0201
        case iconv(String)

        func decode(_ bytes: [UInt8]) -> String {
            switch self {
            case .latin1: return String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
            case .utf8: return String(decoding: bytes, as: UTF8.self)
            case .jisX0201: return String(String.UnicodeScalarView(bytes.map(ISO2022Decoder.jisX0201)))
            case let .iconv(name): return TextConverter.decode(bytes, encoding: name) ?? String(repeating: "\u{FFFD}", count: bytes.count)
            }
        }
    }

    /// The encoding a single-set or ISO 2022 defined term names (PS3.3 Tables C.12-2 to C.12-5).
    static func encoding(forTerm term: String) -> Encoding? {
        var number = Substring(term)
        if number.hasPrefix("ISO 2022 ") { number = number.dropFirst(9) }
        if number.hasPrefix("ISO_") { number = number.dropFirst(4) }
        switch number {
        case "", "IR 6": return .latin1
        case "IR 100": return .latin1
        case "IR 101": return .iconv("ISO-8859-2")
        case "IR 109": return .iconv("ISO-8859-3")
        case "IR 110": return .iconv("ISO-8859-4")
        case "IR 144": return .iconv("ISO-8859-5")
        case "IR 127": return .iconv("ISO-8859-6")
        case "IR 126": return .iconv("ISO-8859-7")
        case "IR 138": return .iconv("ISO-8859-8")
        case "IR 148": return .iconv("ISO-8859-9")
        case "IR 203": return .iconv("ISO-8859-15")
        case "IR 166": return .iconv("TIS-620")
        case "IR 13": return .jisX0201
        case "IR 87", "IR 159": return .iconv("EUC-JP")
        case "IR 149": return .iconv("EUC-KR")
        case "IR 58": return .iconv("GB2312")
        case "IR 192": return .utf8
        case "GB18030": return .iconv("GB18030")
        case "GBK": return .iconv("GBK")
        default: return nil
        }
    }
}

// MARK: - Helpers

extension Substring {
    /// The text without leading and trailing spaces and NULs.
    func trimmingSpaces() -> String {
        let trimmed = drop { $0 == " " || $0 == "\0" }
        return String(trimmed.reversed().drop { $0 == " " || $0 == "\0" }.reversed())
    }
}

extension Array where Element == String {
    /// The terms without a trailing empty one (a value of just padding).
    fileprivate func dropLastEmpty() -> [String] {
        count == 1 && self[0].isEmpty ? [] : self
    }
}
