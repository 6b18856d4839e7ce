#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension FileSystemTier {
    /// The whole object `digest`, hashed while it is read: one pass over the file, and the caller gets
    /// bytes only if they still have the SHA-256 (and `size`) they are stored under.
    ///
    /// Objects are immutable, but a file can still be altered in place (by someone with access to the
    /// tier folder, or by the disk). Code that turns an object into another one (promotion) reads it
    /// through here so that altered bytes can never flow into a derived object.
    ///
    /// - Throws: ``StorageError/hashMismatch(_:actual:size:expectedSize:)`` (``StorageError/isHashMismatch``)
    ///   when the bytes differ; a ``StorageError`` naming the file when it cannot be opened or read.
    public func readVerified(_ digest: ObjectDigest, size: Int64?) throws -> [UInt8] {
        let file = path(of: digest)
        let descriptor = open(file, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw StorageError(operation: "open", path: file, errno: errno) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw StorageError(operation: "stat", path: file, errno: errno) }
        var bytes = [UInt8](repeating: 0, count: Int(max(info.st_size, 0)))
        var hasher = ContentHasher()
        var filled = 0
        while true {
            if filled == bytes.count { bytes.append(contentsOf: repeatElement(0, count: Self.chunkSize)) }
            let wanted = min(Self.chunkSize, bytes.count - filled)
            let count = bytes.withUnsafeMutableBytes { raw in
                read(descriptor, raw.baseAddress.map { $0 + filled }, wanted)
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw StorageError(operation: "read", path: file, errno: errno)
            }
            if count == 0 { break }
            bytes.withUnsafeBytes { raw in hasher.update(UnsafeRawBufferPointer(rebasing: raw[filled..<(filled + count)])) }
            filled += count
        }
        bytes.removeLast(bytes.count - filled)
        let actual = hasher.finalize()
        guard actual == digest, size.map({ $0 == Int64(filled) }) ?? true else {
            throw StorageError.hashMismatch(digest, actual: actual, size: Int64(filled), expectedSize: size ?? Int64(filled))
        }
        return bytes
    }
}
