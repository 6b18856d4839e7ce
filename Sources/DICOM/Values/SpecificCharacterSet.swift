/// The character sets of a data set's text, from Specific Character Set (0008,0005) (PS3.3 §C.12.1.1.2).
///
/// Text VRs with a repertoire of their own (AE, CS, DA, UI, …) always use the default repertoire; SH, LO,
/// ST, LT, PN, UC and UT use these sets. One term names a single-byte or multi-byte set used alone
/// (`ISO_IR 100`, `ISO_IR 192`, `GB18030`); `ISO 2022 …` terms enable code extensions where escape
/// sequences switch sets inside a value (PS3.5 §6.1.2.5), as Japanese and Korean data do.
public struct SpecificCharacterSet: Sendable, Hashable {
    /// The defined terms, as written (trimmed); the first may be empty, meaning the default repertoire.
    public let terms: [String]
    /// How values are decoded, worked out once from ``terms``.
    private let resolution: Resolution

    private enum Resolution: Hashable {
        case single(Encoding)
        case codeExtensions
        case unknown([String])
    }

    /// The default repertoire (ISO-IR 6, i.e. ASCII).
    public static let `default` = SpecificCharacterSet(terms: [])

    public init(terms: [String]) {
        self.terms = terms
        let unknown = terms.filter { !$0.isEmpty && Self.encoding(forTerm: $0) == nil }
        if !unknown.isEmpty {
            resolution = .unknown(unknown)
        } else if terms.contains(where: { $0.hasPrefix("ISO 2022") }) {
            resolution = .codeExtensions
        } else {
            resolution = .single(terms.first.flatMap { Self.encoding(forTerm: $0) } ?? .latin1)
        }
    }

    /// Parses the value of (0008,0005).
    public init(value: [UInt8]) {
        var terms = value.split(separator: 0x5C, omittingEmptySubsequences: false).map { term in
            String(decoding: term.drop { $0 == 0x20 }.reversed().drop { $0 == 0x20 || $0 == 0 }.reversed(),
                   as: UTF8.self)
        }
        if terms.count == 1, terms[0].isEmpty { terms = [] }
        self.init(terms: terms)
    }

    /// Terms MedLake cannot decode; text in such a data set is kept as bytes.
    public var unknownTerms: [String] {
        if case let .unknown(terms) = resolution { return terms }
        return []
    }

    /// Whether escape sequences may switch sets inside a value.
    public var usesCodeExtensions: Bool { resolution == .codeExtensions }

    /// Whether byte 0x5C is always the value delimiter `\`, so values can be split before decoding.
    /// Not so for ISO 2022 (a JIS X 0208 byte pair may contain 0x5C) nor for GBK/GB18030 trail bytes.
    var delimiterIsSingleByte: Bool {
        switch resolution {
        case .single(.iconv("GB18030")), .single(.iconv("GBK")), .codeExtensions: return false
        default: return true
        }
    }

    /// Whether bytes below 0x80 decode to the same ASCII characters, so ASCII text needs no decoding.
    /// Not so for JIS X 0201 (0x5C is ¥) nor ISO 2022, whose escape sequences switch sets; sets reached
    /// through iconv are left to iconv.
    var decodesASCIIAsItself: Bool {
        switch resolution {
        case .single(.latin1), .single(.utf8): return true
        default: return false
        }
    }

    /// Decodes a text value's bytes. Returns `nil` when a term is unknown (the caller keeps the bytes).
    public func decode<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> String? {
        switch resolution {
        case let .single(encoding): return encoding.decode(bytes)
        case .codeExtensions: return ISO2022Decoder(initial: terms.first ?? "").decode(Array(bytes))
        case .unknown: return nil
        }
    }

    /// Default repertoire text; bytes above 0x7F are not allowed there but are common, and are read as Latin-1.
    static func decodeDefault<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> String {
        if bytes.allSatisfy({ $0 < 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
        return String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
    }

    /// An encoding a term selects.
    enum Encoding: Hashable {
        case latin1
        case utf8
        case jisX0201
        case iconv(String)

        func decode<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> String {
            switch self {
            case .latin1: return SpecificCharacterSet.decodeDefault(bytes)
            case .utf8: return String(decoding: bytes, as: UTF8.self)
            case .jisX0201: return String(String.UnicodeScalarView(bytes.map(ISO2022Decoder.jisX0201)))
            case let .iconv(name): return TextConverter.decode(bytes, encoding: name) ?? String(repeating: "\u{FFFD}", count: bytes.count)
            }
        }
    }

    /// The encoding a single-set or ISO 2022 defined term names (PS3.3 Tables C.12-2 to C.12-5).
    static func encoding(forTerm term: String) -> Encoding? {
        encodingsByTerm[term]
    }

    private static let encodingsByTerm: [String: Encoding] = {
        let byNumber: [(String, Encoding)] = [
            ("IR 6", .latin1), ("IR 100", .latin1), ("IR 101", .iconv("ISO-8859-2")), ("IR 109", .iconv("ISO-8859-3")),
            ("IR 110", .iconv("ISO-8859-4")), ("IR 144", .iconv("ISO-8859-5")), ("IR 127", .iconv("ISO-8859-6")),
            ("IR 126", .iconv("ISO-8859-7")), ("IR 138", .iconv("ISO-8859-8")), ("IR 148", .iconv("ISO-8859-9")),
            ("IR 203", .iconv("ISO-8859-15")), ("IR 166", .iconv("TIS-620")), ("IR 13", .jisX0201),
            ("IR 87", .iconv("EUC-JP")), ("IR 159", .iconv("EUC-JP")), ("IR 149", .iconv("EUC-KR")),
            ("IR 58", .iconv("GB2312")), ("IR 192", .utf8),
        ]
        var table: [String: Encoding] = ["": .latin1, "GB18030": .iconv("GB18030"), "GBK": .iconv("GBK")]
        for (number, encoding) in byNumber {
            table["ISO_" + number] = encoding
            table["ISO 2022 " + number] = encoding
        }
        return table
    }()
}
