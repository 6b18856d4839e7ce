/// What a CRAM file's structure says without decoding slices.
public struct CRAMFacts {
    /// The format version from the file definition, e.g. `3.0`.
    public var version: String
    /// The 20-byte file id from the file definition, NULs trimmed.
    public var fileID: String
    /// Data containers after the header container (the EOF container excluded).
    public var containers = 0
    /// Records over all data containers, from container headers.
    public var records: Int64 = 0
    /// True when the file ends with the EOF container (CRAM 2.1+); its absence means truncation.
    public var eofContainer = false
    /// The compression method of the header block (`raw`, `gzip`).
    public var headerCodec: String?
}

// MARK: - Conformances

extension CRAMFacts: Sendable {}
extension CRAMFacts: Hashable {}
extension CRAMFacts: Codable {}
