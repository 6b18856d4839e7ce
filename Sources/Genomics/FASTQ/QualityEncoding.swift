/// How quality characters encode Phred scores.
public enum QualityEncoding: String {
    /// Sanger / Illumina 1.8+: ASCII 33 + Q. Any quality byte below `;` (59) proves it.
    case phred33 = "Phred+33"
    /// Illumina 1.3–1.7: ASCII 64 + Q; every byte is `@` (64) or above.
    case phred64 = "Phred+64"
    /// Solexa / Illumina 1.0: ASCII 64 + Solexa score, bytes down to `;` (59).
    case solexa64 = "Solexa+64"
    /// No reads to judge from.
    case unknown
}

// MARK: - Conformances

extension QualityEncoding: Sendable {}
extension QualityEncoding: Hashable {}
extension QualityEncoding: Codable {}
