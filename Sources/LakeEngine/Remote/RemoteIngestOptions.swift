/// How ``Lake/ingest(fromOrthanc:dataset:since:credentials:options:progress:)`` and
/// ``Lake/ingest(fromDICOMweb:dataset:credentials:options:progress:)`` pull from a server.
public struct RemoteIngestOptions: Sendable {
    /// The per-file ingest settings (batch size, `keepUnknown`, workers).
    public var ingest: IngestOptions
    /// Instances downloaded at once.
    public var downloads: Int
    /// Changes asked for per `/changes` request.
    public var changesPerPage: Int

    public init(ingest: IngestOptions = IngestOptions(batchSize: 200), downloads: Int = 4, changesPerPage: Int = 1000) {
        self.ingest = ingest
        self.downloads = max(1, downloads)
        self.changesPerPage = max(1, changesPerPage)
    }
}
