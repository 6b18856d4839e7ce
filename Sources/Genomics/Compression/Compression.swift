/// How a file's bytes are stored on disk.
public enum Compression: String {
    /// Uncompressed bytes.
    case plain
    /// Ordinary gzip, one or more members (what `gzip` writes); not randomly accessible.
    case gzip
    /// Blocked gzip (SAMv1 §4.1): gzip members of at most 64 KiB carrying a `BC` extra field.
    case bgzf = "BGZF"

    /// Recognises the compression from a file's first bytes (at least 18 for BGZF detection).
    public static func detect(_ prefix: UnsafeRawBufferPointer) -> Compression {
        guard prefix.count >= 2, prefix[0] == 0x1f, prefix[1] == 0x8b else { return .plain }
        return BGZFBlock.hasBGZFExtra(prefix) ? .bgzf : .gzip
    }
}

// MARK: - Conformances

extension Compression: Sendable {}
extension Compression: Hashable {}
extension Compression: Codable {}
extension Compression: CaseIterable {}
