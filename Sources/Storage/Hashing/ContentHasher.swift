import Crypto

/// Streaming SHA-256: feed bytes in chunks, then take the digest.
///
/// Used for object contents (while they are copied) and for the audit chain, so the lake has one
/// definition of "the hash of these bytes".
/// - warning: A value is not thread-safe; give each stream its own hasher.
public struct ContentHasher {
    private var state = SHA256()

    public init() {}

    /// Adds `bytes` to the stream.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        state.update(bufferPointer: bytes)
    }

    /// Adds `bytes` to the stream.
    public mutating func update<Bytes: Sequence<UInt8>>(_ bytes: Bytes) {
        state.update(data: Array(bytes))
    }

    /// The digest of everything added so far.
    public func finalize() -> ObjectDigest {
        ObjectDigest(bytes: state.finalize())
    }

    /// The digest of `bytes` in one call.
    public static func digest<Bytes: Sequence<UInt8>>(of bytes: Bytes) -> ObjectDigest {
        var hasher = ContentHasher()
        hasher.update(bytes)
        return hasher.finalize()
    }
}
