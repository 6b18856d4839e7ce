import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The body of one downloaded answer: in memory when small, else spooled to a file, so a pull's memory
/// stays bounded whatever the instances weigh.
enum RemoteBody: Sendable {
    case memory([UInt8])
    /// A file written by ``SpoolFile``; whoever consumes the body removes it with ``remove()``.
    case spooled(path: String, size: Int64)

    var size: Int64 {
        switch self {
        case .memory(let bytes): Int64(bytes.count)
        case .spooled(_, let size): size
        }
    }

    /// Deletes the spool file, if any.
    func remove() {
        if case .spooled(let path, _) = self { unlink(path) }
    }
}
