import CZlib

/// Writes BGZF blocks in tests, to build valid and deliberately damaged files byte by byte.
enum BGZFWriter {
    /// One BGZF block holding `payload` (at most 64 KiB), with a correct CRC32 and ISIZE.
    static func block(_ payload: [UInt8]) -> [UInt8] {
        var stream = z_stream()
        deflateInit2_(&stream, 6, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION,
                      Int32(MemoryLayout<z_stream>.size))
        var compressed = [UInt8](repeating: 0, count: payload.count + 1024)
        var input = payload
        let produced = input.withUnsafeMutableBufferPointer { source in
            compressed.withUnsafeMutableBufferPointer { target in
                stream.next_in = source.baseAddress
                stream.avail_in = UInt32(source.count)
                stream.next_out = target.baseAddress
                stream.avail_out = UInt32(target.count)
                deflate(&stream, Z_FINISH)
                return target.count - Int(stream.avail_out)
            }
        }
        deflateEnd(&stream)
        let total = 18 + produced + 8
        var block: [UInt8] = [0x1f, 0x8b, 8, 4, 0, 0, 0, 0, 0, 0xff, 6, 0, 0x42, 0x43, 2, 0,
                              UInt8((total - 1) & 0xff), UInt8((total - 1) >> 8)]
        block += compressed.prefix(produced)
        let crc = UInt32(payload.withUnsafeBufferPointer { crc32(0, $0.baseAddress, UInt32($0.count)) })
        block += littleEndian(crc) + littleEndian(UInt32(payload.count))
        return block
    }

    /// `content` split into BGZF blocks, followed by the EOF block.
    static func file(_ content: [UInt8], blockSize: Int = 65280) -> [UInt8] {
        var output: [UInt8] = []
        var start = 0
        while start < content.count {
            let end = min(content.count, start + blockSize)
            output += block(Array(content[start..<end]))
            start = end
        }
        return output + eofBlock
    }

    static let eofBlock: [UInt8] = [
        0x1f, 0x8b, 0x08, 0x04, 0x00, 0x00, 0x00, 0x00, 0x00, 0xff, 0x06, 0x00, 0x42, 0x43, 0x02, 0x00,
        0x1b, 0x00, 0x03, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    ]

    static func littleEndian(_ value: UInt32) -> [UInt8] {
        (0..<4).map { UInt8((value >> (8 * $0)) & 0xff) }
    }

    static func littleEndian(_ value: Int32) -> [UInt8] {
        littleEndian(UInt32(bitPattern: value))
    }
}
