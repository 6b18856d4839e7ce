/// Typed access to element values. Numbers are read little endian (the parser swaps big-endian input);
/// a value whose length is not a multiple of the number size yields the whole numbers that fit.
extension DataElement {
    /// The text values: decoded with `characterSet` for SH, LO, ST, LT, PN, UC and UT and with the
    /// default repertoire otherwise, split at `\` (except LT, ST, UT, UR), padding trimmed.
    /// In an unknown character set, bytes above 0x7F become U+FFFD (see ``decodedText(characterSet:)``).
    /// Binary numeric and AT values come back formatted (`512`, `00100020`); other binary VRs give none.
    public func strings(characterSet: SpecificCharacterSet) -> [String] {
        if !vr.isText {
            if let numbers = binaryNumbers { return numbers.map(JSONText.number) }
            return vr == .AT ? attributeTags.map(\.jsonKey) : []
        }
        let raw = bytes
        let repertoire = vr.usesSpecificCharacterSet ? characterSet : .default
        guard repertoire.unknownTerms.isEmpty else {
            return split(String(String.UnicodeScalarView(raw.map { $0 < 0x80 ? Unicode.Scalar($0) : "\u{FFFD}" })))
        }
        guard vr.isMultiValuedText, repertoire.delimiterIsSingleByte else {
            return split(repertoire.decode(raw) ?? "")
        }
        // Fast path: split and trim at byte level, then decode each value.
        var values: [String] = []
        var start = 0
        for index in 0 ... raw.count where index == raw.count || raw[index] == 0x5C {
            var low = start, high = index
            while high > low, raw[high - 1] == 0x20 || raw[high - 1] == 0 { high -= 1 }
            if vr != .PN, vr != .UC { while low < high, raw[low] == 0x20 { low += 1 } }
            values.append(repertoire.decode(raw[low ..< high]) ?? "")
            start = index + 1
        }
        return values == [""] ? [] : values
    }

    /// Splits decoded text into values (where the delimiter byte may be part of a character) and trims them.
    private func split(_ text: String) -> [String] {
        guard !text.isEmpty else { return [] }
        let trimLeading = vr != .PN && vr != .UC && vr != .LT && vr != .ST && vr != .UT && vr != .UR
        let values = vr.isMultiValuedText
            ? text.split(separator: "\\", omittingEmptySubsequences: false) : [Substring(text)]
        return values.map { value in
            var trimmed = value
            while let last = trimmed.last, last == " " || last == "\0" { trimmed.removeLast() }
            if trimLeading { trimmed = trimmed.drop { $0 == " " } }
            return String(trimmed)
        }
    }

    /// Decoded text, or the raw bytes with the reason when the character set is not known.
    public enum DecodedText: Sendable, Equatable {
        case text(String)
        /// The value's bytes, kept because `characterSet` names terms MedLake cannot decode.
        case undecodable([UInt8], characterSet: [String])
    }

    /// Decodes the whole value (before splitting into values).
    public func decodedText(characterSet: SpecificCharacterSet) -> DecodedText {
        let raw = bytes
        guard vr.usesSpecificCharacterSet else { return .text(SpecificCharacterSet.decodeDefault(raw)) }
        if let text = characterSet.decode(raw) { return .text(text) }
        return .undecodable(raw, characterSet: characterSet.unknownTerms)
    }

    /// PN values as component groups.
    public func personNames(characterSet: SpecificCharacterSet) -> [PersonName] {
        strings(characterSet: characterSet).map(PersonName.init)
    }

    /// DS and IS values as numbers; values that are not numbers are skipped.
    public var decimals: [Double] {
        strings(characterSet: .default).compactMap { Double($0) }
    }

    /// IS values (and integral DS values) as integers.
    public var integers: [Int] {
        strings(characterSet: .default).compactMap { Int($0) ?? Double($0).flatMap { Int(exactly: $0) } }
    }

    /// The value as little-endian fixed-width numbers (US, SS, UL, SL, SV, UV, OW, OL, OV, …).
    public func numbers<Number: FixedWidthInteger>(_ type: Number.Type = Number.self) -> [Number] {
        let raw = bytes
        let size = MemoryLayout<Number>.size
        return raw.withUnsafeBytes { buffer in
            stride(from: 0, through: buffer.count - size, by: size).map {
                Number(littleEndian: buffer.loadUnaligned(fromByteOffset: $0, as: Number.self))
            }
        }
    }

    /// FL and OF values.
    public var floats: [Float] { numbers(UInt32.self).map(Float.init(bitPattern:)) }

    /// FD and OD values.
    public var doubles: [Double] { numbers(UInt64.self).map(Double.init(bitPattern:)) }

    /// AT values: tags stored as group then element, each 16-bit little endian.
    public var attributeTags: [AttributeTag] {
        let words = numbers(UInt16.self)
        return stride(from: 0, to: words.count - 1, by: 2).map { AttributeTag(group: words[$0], element: words[$0 + 1]) }
    }

    /// The numeric values of a binary numeric VR as `Double`s, or `nil` if the VR is not numeric.
    /// Used by the JSON model, where such values are JSON numbers.
    public var binaryNumbers: [Double]? {
        switch vr {
        case .US: return numbers(UInt16.self).map(Double.init)
        case .SS: return numbers(Int16.self).map(Double.init)
        case .UL: return numbers(UInt32.self).map(Double.init)
        case .SL: return numbers(Int32.self).map(Double.init)
        case .UV: return numbers(UInt64.self).map(Double.init)
        case .SV: return numbers(Int64.self).map(Double.init)
        case .FL: return floats.map(Double.init)
        case .FD: return doubles
        default: return nil
        }
    }
}
