#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The stored bytes of one file, read sequentially: an open file descriptor or an in-memory buffer.
///
/// Memory sources exist so tests, the sniffer and the fuzzer exercise exactly the code that reads files.
/// - warning: A `ByteSource` keeps a read position and **is not thread-safe**; use one per reader.
public final class ByteSource {
    private enum Backing {
        case file(descriptor: Int32)
        case memory([UInt8])
    }

    private let backing: Backing
    /// The number of bytes already delivered by ``read(into:capacity:)`` or skipped.
    public private(set) var position: Int64 = 0
    /// The total stored size in bytes, when the source knows it.
    public let size: Int64?

    /// Opens `path` for reading.
    /// - Throws: ``GenomicsError`` with reason `unreadable` when the file cannot be opened.
    public init(path: String) throws {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw GenomicsError(.unreadable, detail: "cannot open: \(String(cString: strerror(errno)))", path: path)
        }
        var info = stat()
        if fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG {
            size = Int64(info.st_size)
        } else {
            size = nil
        }
        backing = .file(descriptor: descriptor)
    }

    /// Wraps bytes already in memory.
    public init(bytes: [UInt8]) {
        backing = .memory(bytes)
        size = Int64(bytes.count)
    }

    deinit {
        if case .file(let descriptor) = backing { close(descriptor) }
    }

    /// Copies up to `capacity` next bytes to `destination`; returns 0 at the end of the source.
    func read(into destination: UnsafeMutableRawPointer, capacity: Int) throws -> Int {
        switch backing {
        case .file(let descriptor):
            while true {
                let count = systemRead(descriptor, destination, capacity)
                if count >= 0 {
                    position += Int64(count)
                    return count
                }
                if errno != EINTR {
                    throw GenomicsError(.unreadable, offset: position, detail: String(cString: strerror(errno)))
                }
            }
        case .memory(let bytes):
            let start = Int(position)
            let count = min(capacity, bytes.count - start)
            guard count > 0 else { return 0 }
            bytes.withUnsafeBytes { all in
                guard let base = all.baseAddress else { return }
                destination.copyMemory(from: base + start, byteCount: count)
            }
            position += Int64(count)
            return count
        }
    }

    /// Moves the read position forward by `count` bytes without delivering them; returns how many bytes
    /// were actually skipped (fewer at the end of the source).
    func skip(_ count: Int64) throws -> Int64 {
        guard count > 0 else { return 0 }
        if let size {
            let skipped = min(count, max(0, size - position))
            if case .file(let descriptor) = backing, lseek(descriptor, off_t(position + skipped), SEEK_SET) < 0 {
                throw GenomicsError(.unreadable, offset: position, detail: String(cString: strerror(errno)))
            }
            position += skipped
            return skipped
        }
        var remaining = count
        let scratch = UnsafeMutableRawPointer.allocate(byteCount: 65536, alignment: 8)
        defer { scratch.deallocate() }
        while remaining > 0 {
            let got = try read(into: scratch, capacity: Int(min(remaining, 65536)))
            if got == 0 { break }
            remaining -= Int64(got)
        }
        return count - remaining
    }

    /// Reads up to `count` bytes at `offset` without moving the read position (used to check a trailing
    /// EOF marker without reading the whole file).
    func bytes(at offset: Int64, count: Int) throws -> [UInt8] {
        guard offset >= 0, count > 0 else { return [] }
        switch backing {
        case .file(let descriptor):
            var result = [UInt8](repeating: 0, count: count)
            let got = result.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, count, off_t(offset)) }
            guard got >= 0 else {
                throw GenomicsError(.unreadable, offset: offset, detail: String(cString: strerror(errno)))
            }
            return Array(result.prefix(got))
        case .memory(let bytes):
            let start = Int(min(offset, Int64(bytes.count)))
            return Array(bytes[start..<min(bytes.count, start + count)])
        }
    }
}

/// The C library's `read(2)`, named apart from ``ByteSource/read(into:capacity:)``.
private func systemRead(_ descriptor: Int32, _ destination: UnsafeMutableRawPointer, _ capacity: Int) -> Int {
    read(descriptor, destination, capacity)
}
