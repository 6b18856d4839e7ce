/// One column of `samtools flagstat` (QC-passed or QC-failed), with the same definitions.
public struct FlagCounts {
    /// Every record.
    public var total = 0
    /// Records neither secondary (0x100) nor supplementary (0x800).
    public var primary = 0
    /// Secondary alignments.
    public var secondary = 0
    /// Supplementary alignments.
    public var supplementary = 0
    /// Records flagged duplicate (0x400).
    public var duplicates = 0
    /// Primary records flagged duplicate.
    public var primaryDuplicates = 0
    /// Records not flagged unmapped (0x4).
    public var mapped = 0
    /// Primary records not flagged unmapped.
    public var primaryMapped = 0
    /// Primary records flagged paired (0x1).
    public var paired = 0
    /// Primary paired records flagged first in pair (0x40).
    public var read1 = 0
    /// Primary paired records flagged last in pair (0x80).
    public var read2 = 0
    /// Primary paired, mapped records flagged properly paired (0x2).
    public var properlyPaired = 0
    /// Primary paired records with both the read and its mate mapped.
    public var withItselfAndMateMapped = 0
    /// Primary paired, mapped records whose mate is unmapped (0x8).
    public var singletons = 0
    /// Primary paired records, both mapped, with the mate on another reference.
    public var mateOnDifferentReference = 0
    /// The same with MAPQ ≥ 5.
    public var mateOnDifferentReferenceMapQ5 = 0

    /// Empty counts.
    public init() {}

    @inline(__always)
    mutating func add(flag: UInt16, mapq: UInt8, mateOnOtherReference: Bool) {
        total &+= 1
        let unmapped = flag & 0x4 != 0
        let duplicate = flag & 0x400 != 0
        if flag & 0x100 != 0 {
            secondary &+= 1
        } else if flag & 0x800 != 0 {
            supplementary &+= 1
        } else {
            primary &+= 1
            if flag & 0x1 != 0 {
                paired &+= 1
                if flag & 0x2 != 0, !unmapped { properlyPaired &+= 1 }
                if flag & 0x40 != 0 { read1 &+= 1 }
                if flag & 0x80 != 0 { read2 &+= 1 }
                let mateUnmapped = flag & 0x8 != 0
                if mateUnmapped, !unmapped { singletons &+= 1 }
                if !unmapped, !mateUnmapped {
                    withItselfAndMateMapped &+= 1
                    if mateOnOtherReference {
                        mateOnDifferentReference &+= 1
                        if mapq >= 5 { mateOnDifferentReferenceMapQ5 &+= 1 }
                    }
                }
            }
            if !unmapped { primaryMapped &+= 1 }
            if duplicate { primaryDuplicates &+= 1 }
        }
        if !unmapped { mapped &+= 1 }
        if duplicate { duplicates &+= 1 }
    }
}

// MARK: - Conformances

extension FlagCounts: Sendable {}
extension FlagCounts: Hashable {}
extension FlagCounts: Codable {}
