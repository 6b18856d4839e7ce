/// One `@RG` line: a set of reads sequenced together, and the sample they came from.
public struct SAMReadGroup {
    /// `ID`: the read group identifier records refer to with `RG:Z:`.
    public var id: String
    /// `SM`: the sample (biological individual or pool).
    public var sample: String?
    /// `PL`: the sequencing platform (ILLUMINA, ONT, PACBIO…).
    public var platform: String?
    /// `LB`: the library.
    public var library: String?
    /// `PU`: the platform unit (flowcell barcode and lane).
    public var platformUnit: String?
    /// `CN`: the sequencing center.
    public var center: String?
    /// `DT`: the run date (ISO 8601).
    public var date: String?
    /// `DS`: a free-text description.
    public var description: String?
    /// Every tag of the line, including the ones above.
    public var fields: [String: String]
}

// MARK: - Conformances

extension SAMReadGroup: Sendable {}
extension SAMReadGroup: Hashable {}
extension SAMReadGroup: Codable {}
