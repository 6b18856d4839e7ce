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
