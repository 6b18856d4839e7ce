/// The sample, lane and mate a FASTQ file name encodes.
///
/// Recognises Illumina's `Sample_S1_L001_R1_001.fastq.gz`, and the common `sample_R1.fq.gz`,
/// `sample.R2.fastq`, `sample_1.fq.gz` and `sample.2.fastq` forms.
public struct FASTQFileName {
    /// The sample name part.
    public var sample: String
    /// The lane, when the name has an Illumina `_L001` part.
    public var lane: String?
    /// The mate number (1 or 2), when the name has one.
    public var mate: Int?

    /// Parses a file name (a path's last component is used).
    public init(_ path: String) {
        var name = Substring(path.split(separator: "/").last ?? Substring(path))
        for suffix in [".gz", ".bz2", ".fastq", ".fq", ".txt"] where name.hasSuffix(suffix) {
            name = name.dropLast(suffix.count)
        }
        for suffix in [".fastq", ".fq"] where name.hasSuffix(suffix) { name = name.dropLast(suffix.count) }
        if let match = name.wholeMatch(of: /(.+)_S\d+_L(\d{3})_R([12])_\d{3}/) {
            sample = String(match.1)
            lane = String(match.2)
            mate = Int(match.3)
        } else if let match = name.wholeMatch(of: /(.+?)[_.]R?([12])/) {
            sample = String(match.1)
            lane = nil
            mate = Int(match.2)
        } else {
            sample = String(name)
            lane = nil
            mate = nil
        }
    }
}

// MARK: - Conformances

extension FASTQFileName: Sendable {}
extension FASTQFileName: Hashable {}
extension FASTQFileName: Codable {}
