#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a stored object's file, or a byte range of it, with `pread`.
///
/// - warning: Not thread-safe; one reader per task.
final class FileObjectReader: ObjectReading {
    private let descriptor: Int32
    private let path: String
    private var offset: Int64
    private let end: Int64

    /// Opens `path` for the bytes in `range` (clamped to the file's size), or the whole file.
    init(path: String, range: Range<Int64>?) throws {
        descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw StorageError(operation: "open", path: path, errno: errno) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            let code = errno
            close(descriptor)
            throw StorageError(operation: "stat", path: path, errno: code)
        }
        // Objects are read front to back: a larger readahead window keeps the disk ahead of the copy.
        _ = posix_fadvise(descriptor, 0, 0, Int32(POSIX_FADV_SEQUENTIAL))
        self.path = path
        let size = Int64(info.st_size)
        offset = min(max(range?.lowerBound ?? 0, 0), size)
        end = max(offset, min(range?.upperBound ?? size, size))
    }

    deinit {
        close(descriptor)
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) async throws -> Int {
        let wanted = Int(min(Int64(buffer.count), end - offset))
        guard wanted > 0 else { return 0 }
        while true {
            let count = pread(descriptor, buffer.baseAddress, wanted, off_t(offset))
            if count < 0 {
                if errno == EINTR { continue }
                throw StorageError(operation: "read", path: path, errno: errno)
            }
            if count == 0 {
                throw StorageError(operation: "read", path: path, reason: "the file ended at byte \(offset), before \(end)")
            }
            offset += Int64(count)
            return count
        }
    }
}
