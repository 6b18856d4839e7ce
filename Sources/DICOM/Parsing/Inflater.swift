import CZlib

/// Raw (headerless, RFC 1951) inflation for the Deflated Explicit VR Little Endian syntax (PS3.5 §A.5).
enum Inflater {
    /// Inflates `input`, growing the output step by step so that it never exceeds `maximumSize`.
    static func inflate(_ input: UnsafeRawBufferPointer, maximumSize: Int) throws(DICOMError) -> [UInt8] {
        var stream = z_stream()
        guard inflateInit2_(&stream, -MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw DICOMError(.inflateFailed("zlib init"), offset: 0)
        }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        guard let base = input.baseAddress else { return [] }
        stream.next_in = UnsafeMutablePointer(mutating: base.assumingMemoryBound(to: UInt8.self))
        stream.avail_in = UInt32(clamping: input.count)
        while true {
            let status = chunk.withUnsafeMutableBufferPointer { out -> Int32 in
                stream.next_out = out.baseAddress
                stream.avail_out = UInt32(out.count)
                return CZlib.inflate(&stream, Z_NO_FLUSH)
            }
            let produced = chunk.count - Int(stream.avail_out)
            guard output.count + produced <= maximumSize else {
                throw DICOMError(.inflateFailed("inflated size exceeds \(maximumSize) bytes"), offset: Int(stream.total_out))
            }
            output.append(contentsOf: chunk[0 ..< produced])
            switch status {
            case Z_STREAM_END:
                return output
            case Z_OK:
                continue
            case Z_BUF_ERROR where stream.avail_in == 0:
                // Input ended without an end-of-stream block: hand back what inflated, the parser reports truncation.
                return output
            default:
                let reason = stream.msg.map { String(cString: $0) } ?? "zlib error \(status)"
                throw DICOMError(.inflateFailed(reason), offset: Int(stream.total_in))
            }
        }
    }
}
