/// One `@SQ` line: a reference sequence alignments may point at.
public struct SAMReference {
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

// MARK: - Conformances

extension SAMReference: Sendable {}
extension SAMReference: Hashable {}
extension SAMReference: Codable {}
