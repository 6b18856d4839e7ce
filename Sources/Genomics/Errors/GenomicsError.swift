/// An error raised while reading a genomic file: what went wrong, in which file, and where.
///
/// Offsets are byte offsets in the file as stored (for compressed files, the start of the compressed
/// block being read), so a curator can find the damage with `xxd -s OFFSET`. The description never quotes
/// record contents (sample or read names can be identifying); it names fields instead.
public struct GenomicsError {
    /// The kind of failure, stable for scripts (`--json`) and QC rules.
    public enum Reason: String {
        /// The file holds no bytes (or no decompressed bytes).
        case empty
        /// The file ends inside a structure that promised more bytes.
        case truncated
        /// The leading bytes are not the magic number of the expected format.
        case badMagic
        /// A block or record length field is impossible.
        case badBlockSize
        /// zlib could not inflate a compressed block or member.
        case inflateFailed
        /// A stored CRC32 or size does not match the inflated data.
        case checksumMismatch
        /// A header line or field does not follow the format's grammar.
        case malformedHeader
        /// A record does not follow the format's grammar.
        case malformedRecord
        /// The file uses a compression codec this reader does not implement.
        case unsupportedCodec
        /// The content is not a genomic format this module reads.
        case unsupportedFormat
        /// A length is larger than this reader accepts, refused to keep memory bounded.
        case tooLarge
        /// The operating system could not open or read the file.
        case unreadable
    }

    /// The kind of failure.
    public var reason: Reason
    /// The file being read, when known.
    public var path: String?
    /// The byte offset in the stored file where the failing structure starts, when known.
    public var offset: Int64?
    /// The format field being read (for example `BSIZE`, `l_text`, `@SQ LN`), when one applies.
    public var field: String?
    /// A short explanation without record contents.
    public var detail: String

    /// Creates an error; parsers fill `path` later with ``at(path:)``.
    public init(_ reason: Reason, offset: Int64? = nil, field: String? = nil, detail: String, path: String? = nil) {
        self.reason = reason
        self.offset = offset
        self.field = field
        self.detail = detail
        self.path = path
    }

    /// The same error naming `path`, unless a path is already set.
    public func at(path: String) -> GenomicsError {
        var copy = self
        if copy.path == nil { copy.path = path }
        return copy
    }
}

// MARK: - Factories

extension GenomicsError {
    static func truncated(at offset: Int64?, field: String? = nil, _ detail: String) -> Self {
        Self(.truncated, offset: offset, field: field, detail: detail)
    }

    static func badMagic(at offset: Int64?, _ detail: String) -> Self {
        Self(.badMagic, offset: offset, detail: detail)
    }

    static func badBlockSize(at offset: Int64?, field: String, _ detail: String) -> Self {
        Self(.badBlockSize, offset: offset, field: field, detail: detail)
    }

    static func malformedHeader(at offset: Int64? = nil, field: String? = nil, _ detail: String) -> Self {
        Self(.malformedHeader, offset: offset, field: field, detail: detail)
    }

    static func malformedRecord(at offset: Int64? = nil, field: String? = nil, _ detail: String) -> Self {
        Self(.malformedRecord, offset: offset, field: field, detail: detail)
    }
}

// MARK: - Conformances

extension GenomicsError: Error {}
extension GenomicsError: Sendable {}
extension GenomicsError: Hashable {}
extension GenomicsError: Codable {}
extension GenomicsError: CustomStringConvertible {
    /// `reason in path at byte offset (field): detail`, the form the CLI prints.
    public var description: String {
        var text = reason.rawValue
        if let path { text += " in \(path)" }
        if let offset { text += " at byte \(offset)" }
        if let field { text += " (\(field))" }
        return text + ": " + detail
    }
}
extension GenomicsError.Reason: Sendable {}
extension GenomicsError.Reason: Hashable {}
extension GenomicsError.Reason: Codable {}
