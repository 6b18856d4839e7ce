/// Where an ingest stands, reported after each file batch is committed.
public struct IngestProgress: Sendable, Hashable {
    public var filesDone: Int
    public var filesTotal: Int
    public var bytesDone: Int64
    public var bytesTotal: Int64
    /// Seconds since the ingest started.
    public var elapsed: Double

    /// Bytes per second so far.
    public var bytesPerSecond: Double { elapsed > 0 ? Double(bytesDone) / elapsed : 0 }

    /// Estimated seconds left at the current rate; nil before any bytes are done.
    public var secondsRemaining: Double? {
        guard bytesDone > 0, bytesPerSecond > 0 else { return nil }
        return Double(bytesTotal - bytesDone) / bytesPerSecond
    }
}
