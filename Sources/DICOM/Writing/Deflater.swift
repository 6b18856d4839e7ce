import CZlib

/// Raw (headerless) deflate for writing the Deflated Explicit VR Little Endian syntax (PS3.5 §A.5).
enum Deflater {
    static func deflate(_ input: [UInt8]) throws(DICOMError) -> [UInt8] {
        var stream = z_stream()
        guard deflateInit2_(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY,
                            ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw DICOMError(.unwritableValue("zlib deflate init failed"), offset: 0)
        }
        defer { deflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, UInt(input.count))) + 16)
        let status = input.withUnsafeBytes { inRaw in
            output.withUnsafeMutableBufferPointer { out -> Int32 in
                stream.next_in = UnsafeMutablePointer(mutating: inRaw.baseAddress?.assumingMemoryBound(to: UInt8.self))
                stream.avail_in = UInt32(inRaw.count)
                stream.next_out = out.baseAddress
                stream.avail_out = UInt32(out.count)
                return CZlib.deflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END else {
            throw DICOMError(.unwritableValue("zlib deflate failed (\(status))"), offset: Int(stream.total_in))
        }
        output.removeLast(output.count - Int(stream.total_out))
        return output
    }
}
