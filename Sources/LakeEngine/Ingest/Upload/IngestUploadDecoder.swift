import Foundation
import NIOCore
import Storage

#if canImport(Glibc)
import Glibc
#endif

/// Reads an upload (``IngestUploadFormat``) chunk by chunk as it arrives, without holding more than one
/// file in memory: a file up to `inMemoryLimit` bytes becomes an ``AlignedBuffer``; a larger one is
/// written to a ``SpoolFile`` the service creates in `spoolFolder` (never a path the client named).
///
/// Malformed input is an ``LakeError/invalidArgument(_:)`` naming the byte offset and the field.
///
/// - warning: Not thread-safe: one decoder per request.
struct IngestUploadDecoder {
    /// What a complete record gave.
    enum Event {
        case file(UploadedFile)
        case failed(IngestReport.Problem)
        case skipped(IngestReport.Problem)
        /// A remote source's cursor, after the files it covers.
        case cursor(Int64)
        case end
    }

    let inMemoryLimit: Int
    let spoolFolder: String
    /// Bytes received and not yet decoded.
    private var pending = ByteBuffer()
    /// Offset in the body of `pending`'s first readable byte, for error messages.
    private var offset: Int64 = 0
    private var state = State.magic

    private enum State {
        case magic
        case record
        /// A small file's bytes arrive over several chunks: its pieces are kept (not copied) until the
        /// last one, then copied once into an ``AlignedBuffer``.
        case collecting(name: SourcePath, size: Int, pieces: [ByteBuffer], collected: Int)
        /// A large file's bytes are going to a spool file.
        case spooling(name: SourcePath, size: Int64, remaining: Int64, spool: SpoolFile)
        case ended
    }

    init(inMemoryLimit: Int, spoolFolder: String) {
        self.inMemoryLimit = inMemoryLimit
        self.spoolFolder = spoolFolder
    }

    /// Decodes what `chunk` completes.
    mutating func consume(_ chunk: ByteBuffer) throws -> [Event] {
        var chunk = chunk
        if pending.readableBytes == 0 { pending = chunk } else { pending.writeBuffer(&chunk) }
        var events: [Event] = []
        while let event = try next() { events.append(event) }
        if pending.readerIndex > 1 << 20 { pending.discardReadBytes() }
        return events
    }

    /// Checks that the upload was whole (ended with its `Z` record).
    func finish() throws {
        guard case .ended = state else {
            throw LakeError.invalidArgument(
                "The upload ended at byte \(offset + Int64(pending.readableBytes)) before its end record: "
                    + "it was cut short; files of committed batches stay, rerun the ingest to add the rest.")
        }
    }

    /// Removes the spool file of a file cut short.
    func abandon() {
        if case .spooling(_, _, _, let spool) = state { spool.discard() }
    }

    // MARK: - Records

    private mutating func next() throws -> Event? {
        switch state {
        case .ended:
            guard pending.readableBytes == 0 else { throw malformed("bytes after the end record") }
            return nil
        case .magic:
            guard let magic = pending.getBytes(at: pending.readerIndex, length: IngestUploadFormat.magic.count) else {
                return nil
            }
            guard magic == IngestUploadFormat.magic else { throw malformed("not an ingest upload (no MLU1 magic)") }
            advance(magic.count)
            state = .record
            return try next()
        case .collecting(let name, let size, var pieces, let collected):
            let count = min(pending.readableBytes, size - collected)
            guard count > 0, let piece = pending.readSlice(length: count) else { return nil }
            offset += Int64(count)
            pieces.append(piece)
            guard collected + count == size else {
                state = .collecting(name: name, size: size, pieces: pieces, collected: collected + count)
                return nil
            }
            state = .record
            return .file(UploadedFile(name: name, body: .memory(Self.joined(pieces, size: size))))
        case .spooling(let name, let size, let remaining, let spool):
            let count = Int(min(Int64(pending.readableBytes), remaining))
            guard count > 0 else { return nil }
            try pending.withUnsafeReadableBytes { try spool.append(UnsafeRawBufferPointer(rebasing: $0.prefix(count))) }
            advance(count)
            if remaining - Int64(count) > 0 {
                state = .spooling(name: name, size: size, remaining: remaining - Int64(count), spool: spool)
                return nil
            }
            _ = try spool.finish()
            state = .record
            return .file(UploadedFile(name: name, body: .spooled(path: spool.path, size: size)))
        case .record:
            return try record()
        }
    }

    /// Decodes the record at the reader index when it is all there (or, for a large file, its header).
    private mutating func record() throws -> Event? {
        var view = pending
        guard let tagByte = view.readInteger(as: UInt8.self) else { return nil }
        guard let tag = IngestUploadFormat.Tag(rawValue: tagByte) else {
            throw malformed("unknown record type 0x\(String(tagByte, radix: 16, uppercase: true))")
        }
        if tag == .end {
            advance(1)
            state = .ended
            return .end
        }
        if tag == .cursor {
            guard let cursor = view.readInteger(as: Int64.self) else { return nil }
            guard cursor >= 0 else { throw malformed("cursor \(cursor) (at least 0)") }
            advance(9)
            return .cursor(cursor)
        }
        guard let nameLength = view.readInteger(as: UInt32.self) else { return nil }
        guard nameLength > 0, nameLength <= IngestUploadFormat.maximumNameLength else {
            throw malformed("name length \(nameLength) (1…\(IngestUploadFormat.maximumNameLength))")
        }
        guard let nameBytes = view.readBytes(length: Int(nameLength)) else { return nil }
        guard !nameBytes.contains(0) else { throw malformed("a name holding a NUL byte") }
        let name = SourcePath(bytes: nameBytes)
        switch tag {
        case .failed, .skipped:
            guard let reasonLength = view.readInteger(as: UInt32.self) else { return nil }
            guard reasonLength <= IngestUploadFormat.maximumReasonLength else {
                throw malformed("reason length \(reasonLength) (at most \(IngestUploadFormat.maximumReasonLength))")
            }
            guard let reasonBytes = view.readBytes(length: Int(reasonLength)) else { return nil }
            advance(view.readerIndex - pending.readerIndex)
            let problem = IngestReport.Problem(path: name.text, reason: String(decoding: reasonBytes, as: UTF8.self))
            return tag == .failed ? .failed(problem) : .skipped(problem)
        case .file:
            guard let rawSize = view.readInteger(as: UInt64.self) else { return nil }
            guard rawSize <= UInt64(Int64.max) else { throw malformed("file size \(rawSize)") }
            let size = Int64(rawSize)
            let headerLength = view.readerIndex - pending.readerIndex
            if size > Int64(inMemoryLimit) {
                advance(headerLength)
                state = .spooling(
                    name: name, size: size, remaining: size, spool: try SpoolFile(in: spoolFolder))
                return try next()
            }
            advance(headerLength)
            guard pending.readableBytes >= Int(size) else {
                state = .collecting(name: name, size: Int(size), pieces: [], collected: 0)
                return try next()
            }
            let buffer = pending.withUnsafeReadableBytes {
                AlignedBuffer(copying: UnsafeRawBufferPointer(rebasing: $0.prefix(Int(size))))
            }
            advance(Int(size))
            return .file(UploadedFile(name: name, body: .memory(buffer)))
        case .cursor, .end:
            return nil
        }
    }

    /// `pieces`, `size` bytes in all, copied once into one buffer.
    private static func joined(_ pieces: [ByteBuffer], size: Int) -> AlignedBuffer {
        AlignedBuffer(count: size) { target in
            var filled = 0
            for piece in pieces {
                piece.withUnsafeReadableBytes { bytes in
                    UnsafeMutableRawBufferPointer(rebasing: target[filled..<filled + bytes.count]).copyMemory(from: bytes)
                    filled += bytes.count
                }
            }
        }
    }

    private mutating func advance(_ count: Int) {
        pending.moveReaderIndex(forwardBy: count)
        offset += Int64(count)
    }

    private func malformed(_ what: String) -> LakeError {
        LakeError.invalidArgument("The ingest upload is malformed at byte \(offset): \(what).")
    }
}

/// A file as an upload delivered it: its name as the client reached it, and its bytes.
struct UploadedFile: Sendable {
    enum Body: Sendable {
        case memory(AlignedBuffer)
        /// A large file written to a spool file of the service's own.
        case spooled(path: String, size: Int64)
    }

    var name: SourcePath
    var body: Body

    var size: Int64 {
        switch body {
        case .memory(let buffer): Int64(buffer.count)
        case .spooled(_, let size): size
        }
    }

    /// Removes the spool file, if any.
    func remove() {
        if case .spooled(let path, _) = body { unlink(path) }
    }
}
