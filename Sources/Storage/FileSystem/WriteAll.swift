#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes all of `bytes` to the open file `descriptor`, retrying short writes and `EINTR`; a failure
/// is a ``StorageError`` naming `path`.
public func writeAll(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32, path: String) throws {
    var offset = 0
    while offset < bytes.count {
        let written = write(descriptor, bytes.baseAddress.map { $0 + offset }, bytes.count - offset)
        if written < 0 {
            if errno == EINTR { continue }
            throw StorageError(operation: "write", path: path, errno: errno)
        }
        offset += written
    }
}
