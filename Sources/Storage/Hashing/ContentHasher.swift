import Crypto

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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

    /// The digest and size of the file at `path`, read in 1 MiB chunks (never the whole file in memory).
    public static func digest(ofFileAt path: String) throws -> (digest: ObjectDigest, size: Int64) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw StorageError(operation: "open", path: path, errno: errno) }
        defer { close(descriptor) }
        var hasher = ContentHasher()
        var size: Int64 = 0
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let count = read(descriptor, buffer.baseAddress, buffer.count)
            if count < 0 {
                if errno == EINTR { continue }
                throw StorageError(operation: "read", path: path, errno: errno)
            }
            if count == 0 { break }
            hasher.update(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
            size += Int64(count)
        }
        return (hasher.finalize(), size)
    }
}
