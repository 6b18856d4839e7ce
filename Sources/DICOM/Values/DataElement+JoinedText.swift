/// The values of an element as one line of text, written straight into a byte buffer.
extension DataElement {
    /// Appends the UTF-8 of `strings(characterSet:).joined(separator: "\\")` to `buffer`.
    ///
    /// Tools that print many values per file (`medlake dicom tags`) spend more time building a `String` per
    /// value than parsing the file, so the common cases skip that: text whose bytes are all ASCII, in a
    /// repertoire where ASCII decodes as itself, is copied with each value's padding trimmed exactly as
    /// ``strings(characterSet:)`` trims it; binary integers (US, SS, UL, SL) are written as decimal digits.
    /// Everything else (other character sets, non-ASCII bytes, floats, 64-bit integers, AT) takes the general
    /// path, so the result is always byte-for-byte that of ``strings(characterSet:)`` joined.
    ///
    /// The bytes are not sanitized: control characters in the value are appended as they are.
    public func appendJoinedText(to buffer: inout [UInt8], characterSet: SpecificCharacterSet) {
        guard case let .bytes(raw) = value else {
            return buffer.append(contentsOf: strings(characterSet: characterSet).joined(separator: "\\").utf8)
        }
        if vr.isText, !vr.usesSpecificCharacterSet || characterSet.decodesASCIIAsItself,
           !raw.contains(where: { $0 >= 0x80 }) {
            return Self.appendTrimmedASCII(raw, vr: vr, to: &buffer)
        }
        switch vr {
        case .US: appendIntegers(UInt16.self, to: &buffer)
        case .SS: appendIntegers(Int16.self, to: &buffer)
        case .UL: appendIntegers(UInt32.self, to: &buffer)
        case .SL: appendIntegers(Int32.self, to: &buffer)
        default: buffer.append(contentsOf: strings(characterSet: characterSet).joined(separator: "\\").utf8)
        }
    }

    /// ASCII text split at `\` (multi-valued VRs only), each value without trailing spaces and NULs and,
    /// except for PN, UC, LT, ST, UT and UR, leading spaces; a value of nothing but padding gives nothing.
    private static func appendTrimmedASCII(_ raw: [UInt8], vr: VR, to buffer: inout [UInt8]) {
        let trimsLeading = vr != .PN && vr != .UC && vr != .LT && vr != .ST && vr != .UT && vr != .UR
        let splits = vr.isMultiValuedText
        raw.withUnsafeBufferPointer { bytes in
            var start = 0
            var index = 0
            while index <= bytes.count {
                if index == bytes.count || (splits && bytes[index] == 0x5C) {
                    var low = start
                    var high = index
                    while high > low, bytes[high - 1] == 0x20 || bytes[high - 1] == 0 { high -= 1 }
                    if trimsLeading { while low < high, bytes[low] == 0x20 { low += 1 } }
                    if start > 0 { buffer.append(0x5C) }
                    buffer.append(contentsOf: bytes[low ..< high])
                    start = index + 1
                }
                index += 1
            }
        }
    }

    /// Little-endian integers of `type` in decimal, separated by `\`.
    private func appendIntegers<Number: FixedWidthInteger>(_ type: Number.Type, to buffer: inout [UInt8]) {
        var first = true
        for number in numbers(Number.self) {
            if !first { buffer.append(0x5C) }
            first = false
            Self.appendDecimal(Int64(number), to: &buffer)
        }
    }

    /// `number` in decimal ASCII, with a leading `-` when negative.
    static func appendDecimal(_ number: Int64, to buffer: inout [UInt8]) {
        if number < 0 { buffer.append(0x2D) }
        let start = buffer.count
        var magnitude = number.magnitude
        repeat {
            buffer.append(UInt8(truncatingIfNeeded: magnitude % 10) + 0x30)
            magnitude /= 10
        } while magnitude > 0
        buffer[start...].reverse()
    }
}
