import Foundation
import NIOCore
import Storage

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A new file (mode 0600) that a download is streamed into once it outgrows memory.
///
/// Named `object-remote-p<pid>-b<boot id>-<uuid>.partial` in the ingest tier's temporary folder, so the
/// tier's sweep of dead writers' in-flight files (``FileSystemTier/sweepTemporaries(unstampedOlderThan:keep:)``)
/// also removes the spool files of a killed pull.
///
/// - warning: Not thread-safe; one writer.
final class SpoolFile {
    let path: String
    private var descriptor: Int32
    private var size: Int64 = 0

    init(in folder: String) throws {
        path = folder + "/object-remote-" + ProcessStamp.current.nameComponent + UUID().uuidString.lowercased() + ".partial"
        descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw StorageError(operation: "create", path: path, errno: errno) }
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    func append(_ buffer: ByteBuffer) throws {
        try buffer.withUnsafeReadableBytes { try append($0) }
    }

    func append(_ bytes: UnsafeRawBufferPointer) throws {
        try writeAll(bytes, to: descriptor, path: path)
        size += Int64(bytes.count)
    }

    /// Closes the file and hands it over as a body.
    func finish() throws -> RemoteBody {
        let result = close(descriptor)
        descriptor = -1
        guard result == 0 else {
            unlink(path)
            throw StorageError(operation: "close", path: path, errno: errno)
        }
        return .spooled(path: path, size: size)
    }

    /// Closes and removes the file.
    func discard() {
        if descriptor >= 0 {
            close(descriptor)
            descriptor = -1
        }
        unlink(path)
    }
}
