import Catalog
import Genomics

/// What the workbench's genomics inspector shows of one file: the header and integrity read from the
/// bytes now, next to what ingest stored, and the open flags on the file or its sample.
public struct GenomicFileInspection: Codable, Sendable, Hashable {
    /// The stored facts of the file (format, path, tier, header facts and streaming statistics).
    public var entry: GenomicFileEntry
    /// The header read now, with integrity checks (and record statistics when streamed). Text fields
    /// hold file data as is; the screen sanitizes them.
    public var report: GenomicFileReport
    /// Flags on the sample or on this file's object, oldest first.
    public var flags: [FlagSummary]
}
