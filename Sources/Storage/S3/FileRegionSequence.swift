import NIOCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The bytes of part of a file as an async sequence of 1 MiB buffers, for streaming request bodies.
///
/// Reads with `pread` on ``IOThreads``, so several sequences over one file (parallel parts) do not share a position, and
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

    /// Reads the region a chunk at a time, each read on ``IOThreads`` so that a slow disk never blocks the
    /// cooperative threads; the next chunk is read only when the HTTP client asks for it (back-pressure).
    ///
    /// Not thread-safe: one consumer, as `AsyncIteratorProtocol` requires.
    final class Iterator: AsyncIteratorProtocol {
        private let file: RegionFile
        private var position: Int64
        private let end: Int64

        init(path: String, offset: Int64, end: Int64) {
            self.file = RegionFile(path: path)
            self.position = offset
            self.end = end
        }

        func next() async throws -> ByteBuffer? {
            guard position < end else { return nil }
            let wanted = Int(Swift.min(Int64(FileRegionSequence.chunkSize), end - position))
            let (file, position, end) = (file, position, end)
            let buffer = try await IOThreads.perform { try file.read(wanted, at: position, end: end) }
            self.position += Int64(buffer.readableBytes)
            return buffer
        }
    }
}

/// The file behind a ``FileRegionSequence/Iterator``: opened on the first read, closed when released.
///
/// `@unchecked Sendable`: reads run on ``IOThreads`` one at a time (the iterator awaits each before the
/// next), so the descriptor is never used by two threads at once.
private final class RegionFile: @unchecked Sendable {
    private let path: String
    private var descriptor: Int32 = -1

    init(path: String) {
        self.path = path
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    /// Up to `wanted` bytes at `position` (one `pread`); a file ending before `end` is an error.
    func read(_ wanted: Int, at position: Int64, end: Int64) throws -> ByteBuffer {
        if descriptor < 0 {
            descriptor = open(path, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else { throw StorageError(operation: "open", path: path, errno: errno) }
        }
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
        return buffer
    }
}
