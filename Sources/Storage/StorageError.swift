#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A failure of an object store, naming the operation, the path and the system error.
public struct StorageError: Error, CustomStringConvertible, Sendable {
    /// What the store was doing (`open`, `read`, `write`, `fsync`, `rename`…).
    public let operation: String
    /// The file or folder involved.
    public let path: String
    /// `errno` of the failed system call, or 0 for a logical error.
    public let errno: Int32
    /// Extra explanation for logical errors (size mismatch, bad digest…).
    public let reason: String

    public init(operation: String, path: String, errno: Int32 = 0, reason: String = "") {
        self.operation = operation
        self.path = path
        self.errno = errno
        self.reason = reason
    }

    public var description: String {
        var text = "\(operation) failed for \(path)"
        if errno != 0, let message = strerror(errno) { text += ": \(String(cString: message))" }
        if !reason.isEmpty { text += ": \(reason)" }
        return text
    }
}

// MARK: - Common cases

extension StorageError {
    /// The copied bytes are not the object they should be: wrong SHA-256 or wrong size.
    public static func hashMismatch(
        _ digest: ObjectDigest, actual: ObjectDigest?, size: Int64, expectedSize: Int64
    ) -> StorageError {
        let found = actual.map { "SHA-256 \($0.hex)" } ?? "more bytes"
        return StorageError(
            operation: "verify", path: digest.hex,
            reason: "hash mismatch: expected \(expectedSize) bytes with SHA-256 \(digest.hex), read \(size) bytes with \(found)")
    }

    /// True for a hash or size mismatch found while copying.
    public var isHashMismatch: Bool { operation == "verify" }

    /// True when the destination ran out of space (ENOSPC) or quota (EDQUOT).
    public var isOutOfSpace: Bool { errno == ENOSPC || errno == EDQUOT }
}
