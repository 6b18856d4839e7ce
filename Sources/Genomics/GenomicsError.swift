/// An error raised while reading genomic files.
public struct GenomicsError: Error, Sendable {}
