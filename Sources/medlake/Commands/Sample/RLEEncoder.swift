/// DICOM RLE Lossless (PS3.5 Annex G) for one 8-bit frame: a 64-byte header naming one segment, and
/// the segment as PackBits, each row encoded on its own (G.3.1), runs of 3+ equal bytes as replicate
/// runs and the rest as literal runs of at most 128 bytes.
enum RLEEncoder {
    static func encode8Bit(_ pixels: [UInt8], columns: Int) -> [UInt8] {
        var segment: [UInt8] = []
        var rowStart = 0
        while rowStart < pixels.count {
            let row = Array(pixels[rowStart..<min(pixels.count, rowStart + columns)])
            packBits(row, into: &segment)
            rowStart += columns
        }
        if segment.count % 2 == 1 { segment.append(0x80) }
        var header = [UInt8](repeating: 0, count: 64)
        header[0] = 1
        header[4] = 64
        return header + segment
    }

    private static func packBits(_ row: [UInt8], into out: inout [UInt8]) {
        var index = 0
        var literal: [UInt8] = []
        func flushLiteral() {
            var start = 0
            while start < literal.count {
                let chunk = literal[start..<min(literal.count, start + 128)]
                out.append(UInt8(chunk.count - 1))
                out += chunk
                start += 128
            }
            literal.removeAll()
        }
        while index < row.count {
            var run = 1
            while index + run < row.count, row[index + run] == row[index], run < 128 { run += 1 }
            if run >= 3 {
                flushLiteral()
                out.append(UInt8(truncatingIfNeeded: 257 - run))
                out.append(row[index])
            } else {
                literal += row[index..<index + run]
            }
            index += run
        }
        flushLiteral()
    }
}
