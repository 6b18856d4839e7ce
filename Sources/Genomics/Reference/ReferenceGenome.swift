/// The reference genome a file was aligned or called against.
public struct ReferenceGenome {
    /// The assembly: `GRCh37`, `GRCh38` or `NCBI36` when recognised.
    public var build: String
    /// The flavour of the build when known: `hg19`, `b37`, `hs37d5`, `hg38`, `hg18`.
    public var flavor: String?
    /// True when deduced from contig names and lengths rather than stated by the file.
    public var inferred: Bool
    /// What the conclusion rests on, e.g. `chr1 length 248956422` or `##reference=…`.
    public var evidence: String

    /// Creates a reference genome fact.
    public init(build: String, flavor: String?, inferred: Bool, evidence: String) {
        self.build = build
        self.flavor = flavor
        self.inferred = inferred
        self.evidence = evidence
    }
}

// MARK: - Conformances

extension ReferenceGenome: Sendable {}
extension ReferenceGenome: Hashable {}
extension ReferenceGenome: Codable {}
