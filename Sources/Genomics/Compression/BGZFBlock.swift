/// Constants and header checks for BGZF blocks (SAMv1 §4.1).
enum BGZFBlock {
    /// Bytes of the fixed gzip header that precede the extra field.
    static let fixedHeaderSize = 12
    /// Bytes of a BGZF block header (fixed header + `XLEN` extra bytes holding `BC` and `BSIZE`).
    static let headerSize = 18
    /// Bytes of the gzip trailer: CRC32 then ISIZE.
    static let trailerSize = 8
    /// The largest block and the largest inflated payload a BGZF block may hold.
    static let maximumSize = 65536

    /// The 28-byte empty block htslib writes at the end of every BGZF file; its absence means truncation.
    static let eofMarker: [UInt8] = [
        0x1f, 0x8b, 0x08, 0x04, 0x00, 0x00, 0x00, 0x00, 0x00, 0xff, 0x06, 0x00, 0x42, 0x43, 0x02, 0x00,
        0x1b, 0x00, 0x03, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    ]

    /// True when `header` starts a gzip member whose extra field holds a `BC` subfield of length 2.
    static func hasBGZFExtra(_ header: UnsafeRawBufferPointer) -> Bool {
        blockSize(header) != nil
    }

    /// The total block size (`BSIZE` + 1) from the `BC` subfield, or nil when `header` is not a BGZF
    /// block header. Needs the fixed header and the whole extra field in `header`.
    static func blockSize(_ header: UnsafeRawBufferPointer) -> Int? {
        guard header.count >= fixedHeaderSize, header[0] == 0x1f, header[1] == 0x8b, header[2] == 8,
              header[3] & 4 != 0
        else { return nil }
        let extraLength = Int(header[10]) | Int(header[11]) << 8
        guard header.count >= fixedHeaderSize + extraLength else { return nil }
        var position = fixedHeaderSize
        let extraEnd = fixedHeaderSize + extraLength
        while position + 4 <= extraEnd {
            let subfieldLength = Int(header[position + 2]) | Int(header[position + 3]) << 8
            if header[position] == 0x42, header[position + 1] == 0x43, subfieldLength == 2,
               position + 6 <= extraEnd {
                return (Int(header[position + 4]) | Int(header[position + 5]) << 8) + 1
            }
            position += 4 + subfieldLength
        }
        return nil
    }
}
