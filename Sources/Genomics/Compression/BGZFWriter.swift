import CLibdeflate

/// Compresses bytes as BGZF (SAMv1 §4.1): gzip members of at most 64 KiB with a `BC` extra field holding
/// the block size, followed by the 28-byte EOF marker, so htslib, `bgzip -d` and this module's inflater
/// read the result and can seek in it.
enum BGZFWriter {
    /// Input bytes per block: htslib's choice, leaving room for incompressible data in 64 KiB.
    static let blockInput = 0xFF00

    static func compress(_ bytes: [UInt8]) throws -> [UInt8] {
        guard let compressor = libdeflate_alloc_compressor(6) else {
            throw GenomicsError(.inflateFailed, detail: "libdeflate could not start a compressor")
        }
        defer { libdeflate_free_compressor(compressor) }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count / 3 + 64)
        var start = 0
        var scratch = [UInt8](repeating: 0, count: BGZFBlock.maximumSize)
        while start < bytes.count {
            let end = min(bytes.count, start + blockInput)
            let (compressed, crc) = bytes[start..<end].withUnsafeBytes { input -> (Int, UInt32) in
                let size = scratch.withUnsafeMutableBytes { out in
                    libdeflate_deflate_compress(
                        compressor, input.baseAddress, input.count, out.baseAddress,
                        out.count - BGZFBlock.headerSize - BGZFBlock.trailerSize)
                }
                return (size, libdeflate_crc32(0, input.baseAddress, input.count))
            }
            guard compressed > 0 else {
                throw GenomicsError(.tooLarge, detail: "a BGZF block did not fit in 64 KiB")
            }
            let total = BGZFBlock.headerSize + compressed + BGZFBlock.trailerSize
            output += [0x1f, 0x8b, 0x08, 0x04, 0, 0, 0, 0, 0, 0xff, 0x06, 0x00, 0x42, 0x43, 0x02, 0x00]
            output += littleEndian(UInt32(total - 1), bytes: 2)
            output += scratch[0..<compressed]
            output += littleEndian(crc, bytes: 4)
            output += littleEndian(UInt32(end - start), bytes: 4)
            start = end
        }
        return output + BGZFBlock.eofMarker
    }

    private static func littleEndian(_ value: UInt32, bytes: Int) -> [UInt8] {
        (0..<bytes).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
    }
}
