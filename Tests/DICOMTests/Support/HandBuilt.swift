/// Byte-level fixtures for encodings the writer never produces: built element by element here so each
/// test shows exactly which bytes it feeds the reader.
enum HandBuilt {
    /// Explicit VR little-endian element header + value.
    static func explicit(_ group: UInt16, _ element: UInt16, _ vr: String, _ value: [UInt8],
                         length: UInt32? = nil) -> [UInt8]
    {
        var bytes = le16(group) + le16(element) + Array(vr.utf8)
        let long = ["OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN", "UR", "UT", "UV"].contains(vr)
        let count = length ?? UInt32(value.count)
        bytes += long ? [0, 0] + le32(count) : le16(UInt16(truncatingIfNeeded: count))
        return bytes + value
    }

    /// Implicit VR little-endian element.
    static func implicit(_ group: UInt16, _ element: UInt16, _ value: [UInt8], length: UInt32? = nil) -> [UInt8] {
        le16(group) + le16(element) + le32(length ?? UInt32(value.count)) + value
    }

    static func item(length: UInt32 = 0xFFFF_FFFF) -> [UInt8] { le16(0xFFFE) + le16(0xE000) + le32(length) }
    static let itemEnd: [UInt8] = le16(0xFFFE) + le16(0xE00D) + le32(0)
    static let sequenceEnd: [UInt8] = le16(0xFFFE) + le16(0xE0DD) + le32(0)

    static func le16(_ value: UInt16) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8)] }
    static func le32(_ value: UInt32) -> [UInt8] {
        [UInt8(value & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value >> 16 & 0xFF), UInt8(value >> 24)]
    }

    /// A Part 10 file: preamble, DICM, a minimal meta group naming `syntax`, then `body`.
    static func part10(syntax: String, body: [UInt8]) -> [UInt8] {
        var uid = Array(syntax.utf8)
        if uid.count % 2 == 1 { uid.append(0) }
        let metaBody = explicit(0x0002, 0x0001, "OB", [0, 1]) + explicit(0x0002, 0x0010, "UI", uid)
        return [UInt8](repeating: 0, count: 128) + Array("DICM".utf8)
            + explicit(0x0002, 0x0000, "UL", le32(UInt32(metaBody.count))) + metaBody + body
    }

    /// An explicit-VR file holding a UN element for Patient ID and a UN undefined-length sequence whose
    /// items are implicit VR (PS3.5 §6.2.2), plus an odd-length value.
    static let unknownVR: [UInt8] = part10(syntax: "1.2.840.10008.1.2.1", body:
        explicit(0x0008, 0x0050, "SH", Array("ODD".utf8))
            + explicit(0x0008, 0x1032, "UN", [], length: 0xFFFF_FFFF) + item()
            + implicit(0x0008, 0x0100, Array("CODE".utf8)) + itemEnd + sequenceEnd
            + explicit(0x0010, 0x0020, "UN", Array("PID7".utf8)))

    /// Nested undefined-length sequences and items, a private block, and a defined-length item.
    static let nestedUndefined: [UInt8] = part10(syntax: "1.2.840.10008.1.2.1", body:
        explicit(0x0009, 0x0010, "LO", Array("VENDOR X".utf8))
            + explicit(0x0009, 0x1001, "SQ", [], length: 0xFFFF_FFFF) + item()
            + explicit(0x0040, 0x0275, "SQ", [], length: 0xFFFF_FFFF)
            + item(length: 12) + explicit(0x0040, 0x0009, "SH", Array("ABCD".utf8))
            + sequenceEnd + itemEnd + sequenceEnd
            + explicit(0x0010, 0x0020, "LO", Array("NESTED".utf8)))

    /// Encapsulated pixel data with a basic offset table and two fragments, in a JPEG 2000 file.
    static let fragments: [UInt8] = part10(syntax: "1.2.840.10008.1.2.4.90", body:
        explicit(0x0010, 0x0020, "LO", Array("FRAG".utf8))
            + explicit(0x7FE0, 0x0010, "OB", [], length: 0xFFFF_FFFF)
            + item(length: 4) + le32(0) + item(length: 6) + [1, 2, 3, 4, 5, 6] + item(length: 2) + [7, 8]
            + sequenceEnd)

    /// A bare explicit-VR big-endian data set; Columns is encoded as UN (in big-endian order).
    static let bareBigEndian: [UInt8] = [0x00, 0x10, 0x00, 0x20] + Array("LO".utf8) + [0x00, 0x04] + Array("BE42".utf8)
        + [0x00, 0x28, 0x00, 0x10] + Array("US".utf8) + [0x00, 0x02, 0x01, 0x00]
        + [0x00, 0x28, 0x00, 0x11] + Array("UN".utf8) + [0, 0, 0x00, 0x00, 0x00, 0x02, 0x00, 0x03]

    static let all: [(String, [UInt8])] = [
        ("unknown VR", unknownVR), ("nested undefined", nestedUndefined), ("fragments", fragments),
        ("bare big endian", bareBigEndian),
    ]
}
