/// A `##contig=<ID=…,length=…,assembly=…>` line.
public struct VCFContig {
    /// `ID`: the contig name records use in `CHROM`.
    public var id: String
    /// `length` in bases.
    public var length: Int64?
    /// `assembly`, when given.
    public var assembly: String?
    /// `IDX`: the BCF dictionary index, when given.
    public var index: Int?
}

// MARK: - Conformances

extension VCFContig: Sendable {}
extension VCFContig: Hashable {}
extension VCFContig: Codable {}
