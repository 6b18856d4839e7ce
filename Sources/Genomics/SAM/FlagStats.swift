/// Alignment counts as `samtools flagstat` reports them, split into QC-passed and QC-failed reads.
public struct FlagStats {
    /// Counts for records without the QC-fail flag (0x200).
    public var passed = FlagCounts()
    /// Counts for records with the QC-fail flag (0x200).
    public var failed = FlagCounts()

    /// Empty counts.
    public init() {}

    /// All records, passed and failed.
    public var total: Int { passed.total + failed.total }

    /// Counts one record from its FLAG, MAPQ and whether its mate is on another reference.
    @inline(__always)
    mutating func add(flag: UInt16, mapq: UInt8, mateOnOtherReference: Bool) {
        if flag & 0x200 != 0 {
            failed.add(flag: flag, mapq: mapq, mateOnOtherReference: mateOnOtherReference)
        } else {
            passed.add(flag: flag, mapq: mapq, mateOnOtherReference: mateOnOtherReference)
        }
    }
}

// MARK: - Conformances

extension FlagStats: Sendable {}
extension FlagStats: Hashable {}
extension FlagStats: Codable {}
