#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Storage
import Synchronization

/// Fetches staged files: splits each into pieces (a whole-file reflink or copy from a folder, ranged GETs
/// from a bucket), runs ``StageOptions/connections`` pieces at once across all files, and when the last
/// piece of a file lands, reads the file back through the ``ParallelVerifier`` and renames it into place.
///
/// Thread-safe: the pieces of one file may finish on any task; the per-file count of pieces still
/// running decides which task verifies it.
struct StageFetcher: Sendable {
    let verifier: ParallelVerifier
    let options: StageOptions

    /// One unit of work: all of a file from a folder, or one byte range of it from a bucket.
    struct Piece: Sendable {
        var file: Int
        var range: Range<Int64>?
    }

    /// Fetches every source; returns how many files each method staged.
    func fetch(
        _ sources: [StageSource], progress: @escaping @Sendable (StageEvent) -> Void
    ) async throws -> [StageMethod: Int] {
        let ordered = sources.sorted { $0.target.entry.size > $1.target.entry.size }
        var pieces: [Piece] = []
        var counts: [Int: Int] = [:]
        for (file, source) in ordered.enumerated() {
            try Self.createEmpty(source.target.partial)
            let size = source.target.entry.size
            if source.clonePath != nil || size <= options.partSize {
                // One request for the whole object (also right for an empty one, which has no byte range).
                pieces.append(Piece(file: file, range: nil))
            } else {
                for start in stride(from: Int64(0), to: size, by: Int(options.partSize)) {
                    pieces.append(Piece(file: file, range: start..<min(size, start + options.partSize)))
                }
            }
            counts[file] = pieces.count - counts.values.reduce(0, +)
        }
        let remaining = PiecesLeft(counts)
        var methods: [StageMethod: Int] = [:]
        do {
            try await withThrowingTaskGroup(of: (StageSource, StageMethod)?.self) { group in
                var next = pieces.makeIterator()
                func start(_ piece: Piece) {
                    group.addTask {
                        let source = ordered[piece.file]
                        let (method, verified) = try await write(piece, of: source)
                        guard remaining.finish(piece.file) else { return nil }
                        try await place(source, verified: verified)
                        return (source, method)
                    }
                }
                for _ in 0..<options.connections {
                    guard let piece = next.next() else { break }
                    start(piece)
                }
                while let finished = try await group.next() {
                    if let (source, method) = finished {
                        methods[method, default: 0] += 1
                        progress(.staged(path: source.target.entry.path, bytes: source.target.entry.size, method: method))
                    }
                    if let piece = next.next() { start(piece) }
                }
            }
        } catch {
            for source in ordered { try? Lake.remove(source.target.partial) }
            throw error
        }
        return methods
    }

    // MARK: - Pieces

    /// Writes one piece into the file's partial copy; returns how the bytes came, and whether they were
    /// already verified on the way (a whole object streamed through a ``VerifyingReader``).
    private func write(_ piece: Piece, of source: StageSource) async throws -> (StageMethod, verified: Bool) {
        let path = source.target.partial
        do {
            if let clonePath = source.clonePath {
                // A clone shares the object's blocks: they are read back in full before the file takes its name.
                if try Self.clone(clonePath, into: path) { return (.reflink, false) }
                try await copy(source, range: nil, to: path)
                return (.copy, true)
            }
            try await copy(source, range: piece.range, to: path)
            return (.download, piece.range == nil)
        } catch let error as StorageError where error.isHashMismatch {
            throw Self.corrupt(source)
        }
    }

    /// Reflinks the object at `clonePath` into the partial copy at `path`; false when the file systems cannot.
    private static func clone(_ clonePath: String, into path: String) throws -> Bool {
        let descriptor = open(path, O_WRONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw StorageError(operation: "open", path: path, errno: errno) }
        defer { close(descriptor) }
        return FileClone.clone(source: clonePath, into: descriptor)
    }

    /// Streams `range` of the object to the same offsets of the partial copy at `path`; or, when `range`
    /// is nil, the whole object through a ``VerifyingReader``, which throws unless its bytes have the
    /// manifest's size and SHA-256 (so the file needs no second read).
    ///
    /// The bytes are gathered into whole buffers of ``bufferSize`` before each write, so a durable staging
    /// writes aligned whole blocks straight to the disk (``DirectFileWriter``).
    private func copy(_ source: StageSource, range: Range<Int64>?, to path: String) async throws {
        let file = try DirectFileWriter(path: path, direct: options.sync)
        let stream = try await source.backend.openForReading(source.digest, range: range)
        let size = source.target.entry.size
        let reader = range == nil ? VerifyingReader(stream, digest: source.digest, size: size, limit: nil) : stream
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.bufferSize, alignment: AlignedBuffer.alignment)
        defer { buffer.deallocate() }
        var offset = range?.lowerBound ?? 0
        let end = range?.upperBound ?? size
        var ended = false
        // A range stops at its end (a longer object is caught by the read-back); a whole object is read to
        // the end of its stream, where the verifying reader checks it (and throws first if it is longer).
        while !ended, range == nil || offset < end {
            var filled = 0
            while filled < buffer.count {
                let count = try await reader.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[filled...]))
                guard count > 0 else {
                    ended = true
                    break
                }
                filled += count
                if let range, offset + Int64(filled) >= range.upperBound { break }
            }
            try file.write(UnsafeRawBufferPointer(rebasing: buffer[0..<filled]), at: offset)
            offset += Int64(filled)
        }
    }

    /// Bytes gathered per write: a multiple of the direct I/O alignment, large enough that a write's fixed
    /// cost is small, small enough to stay in the core's cache between the network copy and the hash.
    static let bufferSize = 1 << 20

    private static func corrupt(_ source: StageSource) -> StageError {
        StageError.corruptSource(
            StageError.Object(
                path: source.target.entry.path, sha256: source.target.entry.sha256,
                location: source.clonePath ?? source.tier))
    }

    /// Reads the finished partial copy back unless its bytes were `verified` while streaming, checks its
    /// size and SHA-256, and renames it to its path.
    private func place(_ source: StageSource, verified: Bool) async throws {
        let target = source.target
        do {
            if !verified {
                try await verifier.verify(FileVerification(path: target.partial, digest: source.digest, size: target.entry.size))
            }
        } catch let error as StorageError {
            try? Lake.remove(target.partial)
            guard error.isHashMismatch else { throw error }
            throw Self.corrupt(source)
        }
        // Durable: the bytes are on the disk before the name appears (the folders are flushed at the end).
        if options.sync { try DirectFileWriter.flush(target.partial) }
        let folder = (target.path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw StageError.destinationInUse(folder)
        }
        guard rename(target.partial, target.path) == 0 else {
            throw LakeError.system(operation: "rename", path: target.path, errno: errno)
        }
    }

    // MARK: - Files

    private static func createEmpty(_ path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw StorageError(operation: "create", path: path, errno: errno) }
        close(descriptor)
    }
}

/// How many pieces of each file are still to be written. Thread-safe.
final class PiecesLeft: Sendable {
    private let counts: Mutex<[Int: Int]>

    init(_ counts: [Int: Int]) {
        self.counts = Mutex(counts)
    }

    /// Notes that a piece of `file` was written; true when it was the file's last.
    func finish(_ file: Int) -> Bool {
        counts.withLock { counts in
            counts[file, default: 1] -= 1
            return counts[file] == 0
        }
    }
}
