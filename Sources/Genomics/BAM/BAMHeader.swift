/// The binary part of a BAM header: the text's stored length and the reference list that follows it.
/// The text itself is parsed into a ``SAMHeader``.
public struct BAMHeader {
    /// One entry of the binary reference list (`n_ref` entries of name and length).
    public struct Reference {
        /// The reference name.
        public var name: String
        /// The reference length.
        public var length: Int64
    }

    /// `l_text`: the header text length in bytes, padding included.
    public var textLength: Int
    /// True when NUL bytes pad the header text (htslib and Picard write padding to edit headers in place).
    public var paddedWithNULs: Bool
    /// The binary reference list.
    public var references: [Reference]
    /// Where the text `@SQ` lines and the binary list disagree (names or lengths); empty when they agree
    /// or the text has no `@SQ` lines (then the binary list is authoritative, as in htslib).
    public var referenceDisagreements: [String]
}

// MARK: - Conformances

extension BAMHeader: Sendable {}
extension BAMHeader: Hashable {}
extension BAMHeader: Codable {}
extension BAMHeader.Reference: Sendable {}
extension BAMHeader.Reference: Hashable {}
extension BAMHeader.Reference: Codable {}
