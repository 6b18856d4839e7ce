/// Decodes text that uses ISO 2022 code extensions (PS3.5 §6.1.2.5, PS3.3 Table C.12-4).
///
/// Escape sequences designate a set into G0 (bytes 0x21–0x7E) or G1 (bytes 0xA1–0xFE); the decoder
/// follows them and converts each run of bytes with the designated set. Control characters (CR, LF,
/// FF, TAB) and the value delimiters `\`, `^` and `=` return G0 and G1 to the initial sets of the
/// value's first term, as the standard requires of writers.
struct ISO2022Decoder {
    /// A character set that an escape sequence can designate.
    enum CodeSet: Equatable {
        case ascii, jisRoman, jisX0208, jisX0212
        case katakana, upperHalf(String), ksX1001, gb2312, none

        var isSingleByte: Bool { self == .ascii || self == .jisRoman }
    }

    private let initialG0: CodeSet
    private let initialG1: CodeSet

    /// `initial` is the first defined term, e.g. `"ISO 2022 IR 13"` or `""`.
    init(initial: String) {
        switch initial {
        case "ISO 2022 IR 13": (initialG0, initialG1) = (.jisRoman, .katakana)
        case "ISO 2022 IR 149": (initialG0, initialG1) = (.ascii, .ksX1001)
        case "ISO 2022 IR 58": (initialG0, initialG1) = (.ascii, .gb2312)
        default:
            if case let .iconv(name) = SpecificCharacterSet.encoding(forTerm: initial) ?? .latin1,
               name.hasPrefix("ISO-8859") || name == "TIS-620"
            {
                (initialG0, initialG1) = (.ascii, .upperHalf(name))
            } else if SpecificCharacterSet.encoding(forTerm: initial) == .latin1, !initial.hasSuffix("IR 6"),
                      !initial.isEmpty
            {
                (initialG0, initialG1) = (.ascii, .upperHalf("ISO-8859-1"))
            } else {
                (initialG0, initialG1) = (.ascii, .none)
            }
        }
    }

    func decode(_ bytes: [UInt8]) -> String {
        var g0 = initialG0, g1 = initialG1
        var output = ""
        var run: [UInt8] = []
        var runSet = CodeSet.ascii
        func flush() {
            if !run.isEmpty { output += Self.convert(run, set: runSet) }
            run.removeAll(keepingCapacity: true)
        }
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x1B, let (set, isG1, length) = Self.escape(bytes, at: index) {
                flush()
                if isG1 { g1 = set } else { g0 = set }
                index += length
                continue
            }
            let isControl = byte == 0x0A || byte == 0x0C || byte == 0x0D || byte == 0x09
            let isDelimiter = g0.isSingleByte && (byte == 0x5C || byte == 0x5E || byte == 0x3D)
            let set: CodeSet
            if isControl || isDelimiter {
                (g0, g1) = (initialG0, initialG1)
                set = .ascii
            } else {
                set = byte < 0x80 ? g0 : g1
            }
            if set != runSet { flush(); runSet = set }
            run.append(byte)
            index += 1
        }
        flush()
        return output
    }

    /// Recognises an escape sequence at `index`: the set, whether it goes to G1, and its length.
    private static func escape(_ bytes: [UInt8], at index: Int) -> (CodeSet, Bool, Int)? {
        let rest = bytes[index...].dropFirst().prefix(3)
        let sequences: [([UInt8], CodeSet, Bool)] = [
            ([0x28, 0x42], .ascii, false), ([0x28, 0x4A], .jisRoman, false), ([0x29, 0x49], .katakana, true),
            ([0x24, 0x42], .jisX0208, false), ([0x24, 0x28, 0x44], .jisX0212, false),
            ([0x24, 0x29, 0x43], .ksX1001, true), ([0x24, 0x29, 0x41], .gb2312, true),
            ([0x2D, 0x41], .upperHalf("ISO-8859-1"), true), ([0x2D, 0x42], .upperHalf("ISO-8859-2"), true),
            ([0x2D, 0x43], .upperHalf("ISO-8859-3"), true), ([0x2D, 0x44], .upperHalf("ISO-8859-4"), true),
            ([0x2D, 0x4C], .upperHalf("ISO-8859-5"), true), ([0x2D, 0x47], .upperHalf("ISO-8859-6"), true),
            ([0x2D, 0x46], .upperHalf("ISO-8859-7"), true), ([0x2D, 0x48], .upperHalf("ISO-8859-8"), true),
            ([0x2D, 0x4D], .upperHalf("ISO-8859-9"), true), ([0x2D, 0x54], .upperHalf("TIS-620"), true),
            ([0x2D, 0x62], .upperHalf("ISO-8859-15"), true),
        ]
        for (pattern, set, isG1) in sequences where rest.starts(with: pattern) {
            return (set, isG1, pattern.count + 1)
        }
        return nil
    }

    /// Converts a run of bytes that all belong to `set`.
    private static func convert(_ run: [UInt8], set: CodeSet) -> String {
        switch set {
        case .ascii, .none:
            return SpecificCharacterSet.decodeDefault(run)
        case .jisRoman, .katakana:
            return String(String.UnicodeScalarView(run.map(jisX0201)))
        case .jisX0208:
            return TextConverter.decode(run.map { $0 | 0x80 }, encoding: "EUC-JP") ?? unavailable(run)
        case .jisX0212:
            var euc: [UInt8] = []
            for (offset, byte) in run.enumerated() {
                if offset % 2 == 0 { euc.append(0x8F) }
                euc.append(byte | 0x80)
            }
            return TextConverter.decode(euc, encoding: "EUC-JP") ?? unavailable(run)
        case .ksX1001:
            return TextConverter.decode(run, encoding: "EUC-KR") ?? unavailable(run)
        case .gb2312:
            return TextConverter.decode(run, encoding: "GB2312") ?? unavailable(run)
        case let .upperHalf(name):
            return TextConverter.decode(run, encoding: name) ?? unavailable(run)
        }
    }

    /// What a run becomes when the C library lacks its converter: one U+FFFD per byte, so the loss shows.
    private static func unavailable(_ run: [UInt8]) -> String {
        String(repeating: "\u{FFFD}", count: run.count)
    }

    /// JIS X 0201: half-width katakana in 0xA1–0xDF. Its Roman half is read as ASCII (as pydicom and
    /// DCMTK do) so that 0x5C stays the value delimiter rather than a yen sign.
    static func jisX0201(_ byte: UInt8) -> Unicode.Scalar {
        switch byte {
        case 0xA1 ... 0xDF: return Unicode.Scalar(0xFF61 + UInt32(byte - 0xA1)) ?? "\u{FFFD}"
        case 0x00 ..< 0x80: return Unicode.Scalar(byte)
        default: return "\u{FFFD}"
        }
    }
}
