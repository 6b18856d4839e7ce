/// The outcome of storing bytes in a tier.
public struct StoredObject: Hashable, Sendable {
    /// The SHA-256 of the bytes.
    public let digest: ObjectDigest
    /// Size in bytes.
    public let size: Int64
    /// True when the tier already held an object with this digest, so nothing was written.
    public let alreadyPresent: Bool

    public init(digest: ObjectDigest, size: Int64, alreadyPresent: Bool) {
        self.digest = digest
        self.size = size
        self.alreadyPresent = alreadyPresent
    }
}
