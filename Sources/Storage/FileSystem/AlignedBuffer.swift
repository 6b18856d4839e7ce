#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Bytes in memory laid out for direct I/O: the start on an ``alignment`` boundary and room up to the
/// next boundary after the last byte, so the whole blocks can go to the disk without a copy.
///
/// Ingest reads each small file into one of these, then hashes, parses and stores it from the same
/// memory. Immutable once created, so it may be shared with the threads that write it out.
public final class AlignedBuffer: @unchecked Sendable {
    /// The alignment of the start and of the block length: 4 KiB covers the logical block size of the
    /// disks and file systems in use (512 B or 4 KiB).
    public static let alignment = 4096

    private let storage: UnsafeMutableRawBufferPointer
    /// How many bytes the buffer holds.
    public let count: Int

    /// The bytes held.
    public var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: storage[0..<count]) }

    /// How many leading bytes fill whole blocks (the part direct I/O can write).
    var wholeBlockCount: Int { count & ~(Self.alignment - 1) }

    /// Copies `bytes`.
    public init(copying bytes: UnsafeRawBufferPointer) {
        storage = Self.allocate(bytes.count)
        count = bytes.count
        if let source = bytes.baseAddress, let target = storage.baseAddress {
            target.copyMemory(from: source, byteCount: bytes.count)
        }
    }

    /// `count` bytes written by `initialize`, which must fill the whole of the buffer it is given (bytes
    /// arriving in pieces, such as a file uploaded to the lake service, are copied in once).
    public init(count: Int, initializingWith initialize: (UnsafeMutableRawBufferPointer) throws -> Void) rethrows {
        let storage = Self.allocate(count)
        do {
            try initialize(UnsafeMutableRawBufferPointer(rebasing: storage[0..<count]))
        } catch {
            storage.deallocate()
            throw error
        }
        self.storage = storage
        self.count = count
    }

    /// Reads the whole file at `path`, refusing one whose size is not `expectedSize` (a file being written
    /// to while it is read).
    public init(contentsOf path: String, expectedSize: Int64) throws {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw StorageError(operation: "open", path: path, errno: errno) }
        defer { close(descriptor) }
        // One byte more than expected, to notice a file that grew.
        let capacity = Int(expectedSize) + 1
        let storage = Self.allocate(capacity)
        var count = 0
        while count < capacity {
            let got = read(descriptor, storage.baseAddress.map { $0 + count }, capacity - count)
            if got < 0 {
                if errno == EINTR { continue }
                let code = errno
                storage.deallocate()
                throw StorageError(operation: "read", path: path, errno: code)
            }
            if got == 0 { break }
            count += got
        }
        guard count == Int(expectedSize) else {
            storage.deallocate()
            throw StorageError(operation: "read", path: path, reason: "file changed size while being ingested")
        }
        self.storage = storage
        self.count = count
    }

    deinit { storage.deallocate() }

    /// Memory for at least `count` bytes, rounded up to whole blocks.
    private static func allocate(_ count: Int) -> UnsafeMutableRawBufferPointer {
        let blocks = (max(count, 1) + alignment - 1) / alignment
        return UnsafeMutableRawBufferPointer.allocate(byteCount: blocks * alignment, alignment: alignment)
    }
}
