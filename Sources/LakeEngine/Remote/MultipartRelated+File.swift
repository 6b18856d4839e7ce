import Foundation
import Storage

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension MultipartRelated {
    /// Bytes read per step when scanning a spooled answer.
    static let scanChunk = 1 << 20
    /// A part's headers must end within this many bytes of its delimiter.
    static let maximumPartHeader = 64 << 10

    /// Copies the body of the first part of the `multipart/related` answer spooled at `path` into a new
    /// ``SpoolFile`` in `folder`, reading 1 MiB at a time, and returns it; `path` itself is left alone.
    ///
    /// - Throws: ``RemoteSourceError`` (naming `url`) when the delimiters or the part's header end are
    ///   missing; ``StorageError`` for I/O failures.
    static func firstPart(ofFileAt path: String, boundary: String, url: String, into folder: String) throws -> RemoteBody {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw StorageError(operation: "open", path: path, errno: errno) }
        defer { close(descriptor) }
        let delimiter = Array(("--" + boundary).utf8)
        let positions = try delimiterPositions(descriptor, path: path, delimiter: delimiter, limit: 2)
        guard positions.count == 2 else {
            throw RemoteSourceError(url: url, message: "multipart answer without its boundary delimiters")
        }
        let head = try readAt(descriptor, path: path, offset: positions[0], count: maximumPartHeader)
        guard let headerEnd = find(Array("\r\n\r\n".utf8), in: head, from: delimiter.count),
            positions[0] + Int64(headerEnd) + 4 <= positions[1]
        else {
            throw RemoteSourceError(url: url, message: "multipart part without a header end")
        }
        let bodyStart = positions[0] + Int64(headerEnd) + 4
        var bodyEnd = positions[1]
        // The CRLF before a delimiter belongs to the delimiter.
        if bodyEnd - bodyStart >= 2, try readAt(descriptor, path: path, offset: bodyEnd - 2, count: 2) == [0x0D, 0x0A] {
            bodyEnd -= 2
        }
        let spool = try SpoolFile(in: folder)
        do {
            var offset = bodyStart
            while offset < bodyEnd {
                let chunk = try readAt(descriptor, path: path, offset: offset, count: Int(min(Int64(scanChunk), bodyEnd - offset)))
                guard !chunk.isEmpty else { throw StorageError(operation: "read", path: path, reason: "file ended early") }
                try chunk.withUnsafeBytes { try spool.append($0) }
                offset += Int64(chunk.count)
            }
            return try spool.finish()
        } catch {
            spool.discard()
            throw error
        }
    }

    /// Offsets of the first `limit` occurrences of `delimiter`, scanning chunks that overlap by one
    /// delimiter length so a match across a chunk edge is found.
    private static func delimiterPositions(_ descriptor: Int32, path: String, delimiter: [UInt8], limit: Int) throws -> [Int64] {
        var positions: [Int64] = []
        var offset: Int64 = 0
        while positions.count < limit {
            let chunk = try readAt(descriptor, path: path, offset: offset, count: scanChunk)
            var index = 0
            while positions.count < limit, let found = find(delimiter, in: chunk, from: index) {
                let position = offset + Int64(found)
                if positions.last.map({ position > $0 }) ?? true { positions.append(position) }
                index = found + delimiter.count
            }
            if chunk.count < scanChunk { break }
            offset += Int64(chunk.count - delimiter.count + 1)
        }
        return positions
    }

    /// Up to `count` bytes at `offset` (fewer at the end of the file).
    private static func readAt(_ descriptor: Int32, path: String, offset: Int64, count: Int) throws -> [UInt8] {
        var failure: Int32 = 0
        let bytes = [UInt8](unsafeUninitializedCapacity: count) { buffer, filled in
            filled = 0
            while filled < count {
                let got = pread(descriptor, buffer.baseAddress.map { $0 + filled }, count - filled, off_t(offset) + off_t(filled))
                if got < 0, errno == EINTR { continue }
                if got < 0 { failure = errno }
                if got <= 0 { return }
                filled += got
            }
        }
        if failure != 0 { throw StorageError(operation: "read", path: path, errno: failure) }
        return bytes
    }
}
