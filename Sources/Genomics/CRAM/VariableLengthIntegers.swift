/// CRAM's variable-length integers (CRAM 3.1 §2.3): ITF8 (up to 5 bytes, 32 bits) and LTF8 (up to 9
/// bytes, 64 bits). The count of leading 1 bits in the first byte says how many bytes follow.
enum VariableLengthIntegers {
    /// Decodes an ITF8 at `bytes[offset...]`; returns the value and the bytes used, or nil when
    /// `bytes` ends first.
    static func itf8(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> (value: Int32, length: Int)? {
        guard offset < bytes.count else { return nil }
        let first = UInt32(bytes[offset])
        let extra: Int
        switch first {
        case 0..<0x80: return (Int32(first), 1)
        case 0x80..<0xc0: extra = 1
        case 0xc0..<0xe0: extra = 2
        case 0xe0..<0xf0: extra = 3
        default: extra = 4
        }
        guard offset + extra < bytes.count else { return nil }
        var value: UInt32
        switch extra {
        case 1: value = (first & 0x3f) << 8 | UInt32(bytes[offset + 1])
        case 2: value = (first & 0x1f) << 16 | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2])
        case 3:
            value = (first & 0x0f) << 24 | UInt32(bytes[offset + 1]) << 16 | UInt32(bytes[offset + 2]) << 8
                | UInt32(bytes[offset + 3])
        default:
            value = (first & 0x0f) << 28 | UInt32(bytes[offset + 1]) << 20 | UInt32(bytes[offset + 2]) << 12
                | UInt32(bytes[offset + 3]) << 4 | UInt32(bytes[offset + 4] & 0x0f)
        }
        return (Int32(bitPattern: value), extra + 1)
    }

    /// Decodes an LTF8 at `bytes[offset...]`; returns the value and the bytes used, or nil when
    /// `bytes` ends first.
    static func ltf8(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> (value: Int64, length: Int)? {
        guard offset < bytes.count else { return nil }
        let first = bytes[offset]
        let extra = first.leadingZeroBitCount == 0 ? min((~first).leadingZeroBitCount, 8) : 0
        guard offset + extra < bytes.count else { return nil }
        var value: UInt64 = extra >= 7 ? 0 : UInt64(first & (0x7f >> UInt8(extra)))
        for index in 0..<extra {
            value = value << 8 | UInt64(bytes[offset + 1 + index])
        }
        return (Int64(bitPattern: value), extra + 1)
    }
}
