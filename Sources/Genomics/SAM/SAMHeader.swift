/// The facts of a SAM header (SAMv1 §1.3), as held in SAM text, BAM and CRAM files.
///
/// Values are kept verbatim (a value holding a tab, as some old tools wrote, keeps its tab). Lines htslib
/// would refuse are read anyway and reported in ``warnings``, so curators see what the file really says.
public struct SAMHeader {
    /// `@HD VN`: the SAM format version.
    public var version: String?
    /// `@HD SO`: the sort order.
    public var sortOrder: String?
    /// `@HD GO`: the grouping of alignments.
    public var groupOrder: String?
    /// `@SQ` lines, in file order.
    public var references: [SAMReference] = []
    /// `@RG` lines, in file order.
    public var readGroups: [SAMReadGroup] = []
    /// `@PG` lines, in file order.
    public var programs: [SAMProgram] = []
    /// `@CO` lines' text.
    public var comments: [String] = []
    /// Header lines with an unknown record type (kept as whole lines).
    public var otherLines: [String] = []
    /// What was tolerated while reading (tabs inside values, missing IDs, unknown `PP` links).
    public var warnings: [String] = []

    /// An empty header.
    public init() {}
}

// MARK: - Conformances

extension SAMHeader: Sendable {}
extension SAMHeader: Hashable {}
extension SAMHeader: Codable {}
