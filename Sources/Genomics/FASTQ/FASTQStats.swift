/// Counts from a streaming pass over a FASTQ file.
public struct FASTQStats: Sendable, Hashable, Codable {
    /// Reads (4-line records).
    public var reads = 0
    /// Bases over all reads.
    public var bases = 0
    /// The shortest read length, nil without reads.
    public var minimumLength: Int?
    /// The longest read length, nil without reads.
    public var maximumLength: Int?
    /// `G`, `C` and `S` bases (either case).
    public var gcBases = 0
    /// The smallest quality byte seen (ASCII), nil without reads.
    public var minimumQualityByte: UInt8?
    /// The largest quality byte seen (ASCII), nil without reads.
    public var maximumQualityByte: UInt8?
    /// The first read's name, split into Illumina fields when it follows an Illumina pattern.
    public var firstReadName: IlluminaReadName?
    /// The mate number (1 or 2) read names carry (`/1`, `/2` or a Casava `1:N:…` comment), when all agree.
    public var mateFromNames: Int?

    /// Empty counts.
    public init() {}

    /// The mean read length, nil without reads.
    public var meanLength: Double? { reads > 0 ? Double(bases) / Double(reads) : nil }
    /// `gcBases / bases`, nil without bases.
    public var gcFraction: Double? { bases > 0 ? Double(gcBases) / Double(bases) : nil }

    /// The quality encoding the observed range implies.
    public var qualityEncoding: QualityEncoding {
        guard let minimum = minimumQualityByte else { return .unknown }
        if minimum < 59 { return .phred33 }
        if minimum < 64 { return .solexa64 }
        return .phred64
    }
}

/// How quality characters encode Phred scores.
public enum QualityEncoding: String, Sendable, Hashable, Codable {
    /// Sanger / Illumina 1.8+: ASCII 33 + Q. Any quality byte below `;` (59) proves it.
    case phred33 = "Phred+33"
    /// Illumina 1.3–1.7: ASCII 64 + Q; every byte is `@` (64) or above.
    case phred64 = "Phred+64"
    /// Solexa / Illumina 1.0: ASCII 64 + Solexa score, bytes down to `;` (59).
    case solexa64 = "Solexa+64"
    /// No reads to judge from.
    case unknown
}
