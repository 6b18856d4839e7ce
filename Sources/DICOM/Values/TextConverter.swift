#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Converts bytes in a legacy character encoding to a String with the C library's `iconv`, which on
/// Linux (glibc gconv) and macOS covers every encoding DICOM names, while Foundation on Linux lacks
/// most of them (no EUC-KR, GB18030, ISO 8859-5…).
enum TextConverter {
    /// Decodes `bytes` from the `iconv` encoding `name`; `nil` if the encoding is unavailable.
    /// Invalid sequences become U+FFFD and decoding resumes after them.
    static func decode<Bytes: Collection<UInt8>>(_ bytes: Bytes, encoding name: String) -> String? {
        let converter = iconv_open("UTF-8", name)
        guard converter != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(converter) }
        var input = Array(bytes)
        var output = [UInt8](repeating: 0, count: input.count * 4 + 16)
        var result: [UInt8] = []
        result.reserveCapacity(input.count * 2)
        input.withUnsafeMutableBytes { inRaw in
            output.withUnsafeMutableBytes { outRaw in
                guard let inBase = inRaw.baseAddress, let outBase = outRaw.baseAddress else { return }
                var inPointer: UnsafeMutablePointer<CChar>? = inBase.assumingMemoryBound(to: CChar.self)
                var inLeft = inRaw.count
                while inLeft > 0 {
                    var outPointer: UnsafeMutablePointer<CChar>? = outBase.assumingMemoryBound(to: CChar.self)
                    var outLeft = outRaw.count
                    let status = iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
                    result.append(contentsOf: UnsafeRawBufferPointer(start: outBase, count: outRaw.count - outLeft))
                    if status == -1 {
                        if errno == E2BIG { continue }
                        // EILSEQ or EINVAL: replace one byte and go on.
                        result.append(contentsOf: [0xEF, 0xBF, 0xBD])
                        inPointer = inPointer.map { $0 + 1 }
                        inLeft -= 1
                    }
                }
            }
        }
        return String(decoding: result, as: UTF8.self)
    }
}
