/// How ``Lake/ingest(fromOrthanc:dataset:since:credentials:options:progress:)`` and
/// ``Lake/ingest(fromDICOMweb:dataset:credentials:options:progress:)`` pull from a server.
///
/// Memory: at most `ingest.batchSize` instances of up to `spoolThreshold` bytes are held at once; larger
/// instances are streamed to a file in the ingest tier and ingested from there.
public struct RemoteIngestOptions: Sendable {
    /// The per-file ingest settings (batch size, `keepUnknown`, workers).
    public var ingest: IngestOptions
    /// Instances downloaded at once.
    public var downloads: Int
    /// Changes asked for per `/changes` request.
    public var changesPerPage: Int
    /// Instances larger than this many bytes are spooled to a file instead of held in memory.
    public var spoolThreshold: Int
    /// Results asked for per QIDO-RS request (`limit`), at each level: studies, series, instances.
    public var qidoPageSize: Int

    public init(
        ingest: IngestOptions = IngestOptions(batchSize: 200), downloads: Int = 4, changesPerPage: Int = 1000,
        spoolThreshold: Int = 1 << 20, qidoPageSize: Int = 500
    ) {
        self.ingest = ingest
        self.downloads = max(1, downloads)
        self.changesPerPage = max(1, changesPerPage)
        self.spoolThreshold = max(0, spoolThreshold)
        self.qidoPageSize = max(1, qidoPageSize)
    }

    /// The ingest settings for a run: spooled instances (larger than `spoolThreshold`) take the streaming
    /// path of file ingest, never read whole into memory.
    var runIngest: IngestOptions {
        var options = ingest
        options.inMemoryLimit = min(options.inMemoryLimit, spoolThreshold)
        return options
    }
}
