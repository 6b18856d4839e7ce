/// Counts from a streaming pass over a FASTQ file.
public struct FASTQStats {
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

// MARK: - Conformances

extension FASTQStats: Sendable {}
extension FASTQStats: Hashable {}
extension FASTQStats: Codable {}
