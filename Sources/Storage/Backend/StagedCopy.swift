/// A verified copy a backend holds for ``TierBackend/publish(_:)``: written, but not yet durable or not
/// yet under its digest.
///
/// It is a receipt, not a handle: only the backend that returned it interprets ``location``.
public struct StagedCopy: Hashable, Sendable {
    /// The object the copy holds.
    public let digest: ObjectDigest
    /// Where the backend keeps the bytes until they are published (a temporary file), or nil when it
    /// stored the object under its digest already.
    public let location: String?

    public init(digest: ObjectDigest, location: String?) {
        self.digest = digest
        self.location = location
    }
}
