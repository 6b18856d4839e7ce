/// The facts of a SAM header (SAMv1 §1.3), as held in SAM text, BAM and CRAM files.
///
/// Values are kept verbatim (a value holding a tab, as some old tools wrote, keeps its tab). Lines htslib
/// would refuse are read anyway and reported in ``warnings``, so curators see what the file really says.
public struct SAMHeader: Sendable, Hashable, Codable {
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

/// One `@SQ` line: a reference sequence alignments may point at.
public struct SAMReference: Sendable, Hashable, Codable {
    /// `SN`: the reference sequence name.
    public var name: String
    /// `LN`: the length in bases (nil when missing or not a number).
    public var length: Int64?
    /// `M5`: the MD5 of the sequence (upper-case, no gaps), as hex.
    public var md5: String?
    /// `AS`: the genome assembly identifier.
    public var assembly: String?
    /// `SP`: the species.
    public var species: String?
    /// `UR`: where the sequence can be fetched.
    public var uri: String?

    /// Creates a reference entry.
    public init(name: String, length: Int64?, md5: String? = nil, assembly: String? = nil,
                species: String? = nil, uri: String? = nil) {
        self.name = name
        self.length = length
        self.md5 = md5
        self.assembly = assembly
        self.species = species
        self.uri = uri
    }
}

/// One `@RG` line: a set of reads sequenced together, and the sample they came from.
public struct SAMReadGroup: Sendable, Hashable, Codable {
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

/// One `@PG` line: a program that produced or modified the file.
public struct SAMProgram: Sendable, Hashable, Codable {
    /// `ID`: the unique program record identifier.
    public var id: String
    /// `PN`: the program name.
    public var name: String?
    /// `VN`: the program version.
    public var version: String?
    /// `CL`: the command line.
    public var commandLine: String?
    /// `PP`: the `ID` of the program that ran before this one.
    public var previousID: String?
}
