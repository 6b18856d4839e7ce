import NIOCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The bytes of part of a file as an async sequence of 1 MiB buffers, for streaming request bodies.
///
/// Reads with `pread`, so several sequences over one file (parallel parts) do not share a position, and
/// only one chunk per sequence is in memory at a time. A file shorter than the region ends the sequence
/// with an error rather than sending fewer bytes than announced.
struct FileRegionSequence: AsyncSequence, Sendable {
    typealias Element = ByteBuffer

    let path: String
    let offset: Int64
    let length: Int64
    static let chunkSize = 1 << 20

    func makeAsyncIterator() -> Iterator {
        Iterator(path: path, offset: offset, end: offset + length)
    }

    final class Iterator: AsyncIteratorProtocol {
        private let path: String
        private var position: Int64
        private let end: Int64
        private var descriptor: Int32 = -1

        init(path: String, offset: Int64, end: Int64) {
            self.path = path
            self.position = offset
            self.end = end
        }

        deinit {
            if descriptor >= 0 { close(descriptor) }
        }

        func next() async throws -> ByteBuffer? {
            guard position < end else { return nil }
            if descriptor < 0 {
                descriptor = open(path, O_RDONLY | O_CLOEXEC)
                guard descriptor >= 0 else { throw StorageError(operation: "open", path: path, errno: errno) }
            }
            let wanted = Int(Swift.min(Int64(FileRegionSequence.chunkSize), end - position))
            var buffer = ByteBufferAllocator().buffer(capacity: wanted)
            let count = try buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: wanted) { pointer in
                while true {
                    let got = pread(descriptor, pointer.baseAddress, wanted, off_t(position))
                    if got < 0, errno == EINTR { continue }
                    if got < 0 { throw StorageError(operation: "read", path: path, errno: errno) }
                    return got
                }
            }
            guard count > 0 else {
                throw StorageError(operation: "read", path: path, reason: "file ended before byte \(end)")
            }
            position += Int64(count)
            return buffer
        }
    }
}
