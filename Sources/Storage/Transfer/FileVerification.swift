/// A file to check against the size and SHA-256 it must have, with the pacing, stop request and progress
/// report of the copy it belongs to (``ParallelVerifier/verify(_:)``).
public struct FileVerification: Sendable {
    /// The file to read.
    public var path: String
    /// The SHA-256 its bytes must have.
    public var digest: ObjectDigest
    /// The size it must have.
    public var size: Int64
    /// Shared bandwidth limit, if any: the file's reads wait for it.
    public var limit: BandwidthLimit?
    /// Polled before each chunk; true ends the verification with ``TransferStopped``.
    public var shouldStop: @Sendable () -> Bool
    /// Called with the bytes verified so far after each chunk, from the verifier's thread.
    public var progress: @Sendable (Int64) -> Void

    public init(
        path: String, digest: ObjectDigest, size: Int64, limit: BandwidthLimit? = nil,
        shouldStop: @escaping @Sendable () -> Bool = { false }, progress: @escaping @Sendable (Int64) -> Void = { _ in }
    ) {
        self.path = path
        self.digest = digest
        self.size = size
        self.limit = limit
        self.shouldStop = shouldStop
        self.progress = progress
    }
}
