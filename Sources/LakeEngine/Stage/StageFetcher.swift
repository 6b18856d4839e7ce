#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import AsyncHTTPClient
import Foundation
import Storage
import Synchronization

/// Fetches staged files: splits each into pieces (a whole-file reflink or copy from a folder, a GET of a
/// whole object or ranged GETs of a large one from a bucket), keeps ``StageOptions/connections`` streams
/// in flight across all files, and when the last piece of a file lands, has it verified (while it
/// streamed, or read back through the ``ParallelVerifier``) and renames it into place.
///
/// Whole objects from an S3 tier are fetched two by one task, their bytes hashed in the two SHA-256 lanes
/// of one core as they arrive (``StreamPairHasher``): hashing is most of a staging's CPU time, and one
/// stream per core leaves half of it idle. The bucket is read through an HTTP client of the staging's
/// own, whose pool holds ``StageOptions/connections`` connections: the shared client's pool holds 8,
/// and a task holding one stream while it waits for its partner's must not wait on another staging.
///
/// Thread-safe: the pieces of one file may finish on any task; the per-file count of pieces still
/// running decides which task verifies it.
struct StageFetcher: Sendable {
    let verifier: ParallelVerifier
    let options: StageOptions

    /// One unit of work: all of a file from a folder, one byte range of it from a bucket, or two whole
    /// objects from a bucket (`partner` the second).
    struct Piece: Sendable {
        var file: Int
        var range: Range<Int64>?
        var partner: Int?

        /// Connections the piece holds while it runs.
        var streams: Int { partner == nil ? 1 : 2 }
    }

    /// What a finished piece placed, and the connections it gives back.
    private typealias Finished = (placed: [(StageSource, StageMethod)], streams: Int)

    /// Fetches every source; returns how many files each method staged.
    func fetch(
        _ sources: [StageSource], progress: @escaping @Sendable (StageEvent) -> Void
    ) async throws -> [StageMethod: Int] {
        let http = sources.contains { $0.backend is S3Tier } ? Self.httpClient(connections: options.connections) : nil
        let ordered = sources.sorted { $0.target.entry.size > $1.target.entry.size }.map { source in
            guard let http, let bucket = source.backend as? S3Tier else { return source }
            var source = source
            source.backend = bucket.using(http)
            return source
        }
        do {
            let methods = try await fetchOrdered(ordered, progress: progress)
            try await http?.shutdown()
            return methods
        } catch {
            try? await http?.shutdown()
            for source in ordered { try? Lake.remove(source.target.partial) }
            throw error
        }
    }

    /// Fetches `ordered` (largest first) as ``pieces(of:)``.
    private func fetchOrdered(
        _ ordered: [StageSource], progress: @escaping @Sendable (StageEvent) -> Void
    ) async throws -> [StageMethod: Int] {
        let (work, counts) = try pieces(of: ordered)
        let remaining = PiecesLeft(counts)
        var methods: [StageMethod: Int] = [:]
        try await withThrowingTaskGroup(of: Finished.self) { group in
            var next = work.makeIterator()
            var waiting = next.next()
            var streams = 0
            // Starts pieces while their connections fit (always one, however many it needs).
            func startWhileRoom() {
                while let piece = waiting, streams == 0 || streams + piece.streams <= options.connections {
                    streams += piece.streams
                    group.addTask { try await run(piece, of: ordered, remaining: remaining) }
                    waiting = next.next()
                }
            }
            startWhileRoom()
            while let finished = try await group.next() {
                streams -= finished.streams
                for (source, method) in finished.placed {
                    methods[method, default: 0] += 1
                    progress(.staged(path: source.target.entry.path, bytes: source.target.entry.size, method: method))
                }
                startWhileRoom()
            }
        }
        return methods
    }

    /// Creates every partial copy and splits the work into pieces; returns them with the count of pieces
    /// per file.
    private func pieces(of ordered: [StageSource]) throws -> ([Piece], [Int: Int]) {
        var pieces: [Piece] = []
        var counts: [Int: Int] = [:]
        var unpaired: Int?
        for (file, source) in ordered.enumerated() {
            try Self.createEmpty(source.target.partial)
            let size = source.target.entry.size
            if source.clonePath == nil, size > options.partSize {
                for start in stride(from: Int64(0), to: size, by: Int(options.partSize)) {
                    pieces.append(Piece(file: file, range: start..<min(size, start + options.partSize)))
                }
                counts[file] = pieces.count - counts.values.reduce(0, +)
                continue
            }
            counts[file] = 1
            // One request for the whole object (also right for an empty one, which has no byte range);
            // from a bucket, two objects of about the same size (they come largest first) per piece. Only
            // through this staging's own pool: a task holds its first stream while it opens the second,
            // so a smaller pool shared with other tasks could leave every task waiting for a connection.
            if source.backend is S3Tier, options.connections > 1 {
                if let first = unpaired {
                    pieces.append(Piece(file: first, partner: file))
                    unpaired = nil
                } else {
                    unpaired = file
                }
            } else {
                pieces.append(Piece(file: file))
            }
        }
        if let first = unpaired { pieces.append(Piece(file: first)) }
        return (pieces, counts)
    }

    /// Writes `piece` and places the files it finished.
    private func run(_ piece: Piece, of ordered: [StageSource], remaining: PiecesLeft) async throws -> Finished {
        if let partner = piece.partner {
            let pair = (ordered[piece.file], ordered[partner])
            try await copyPair(pair.0, pair.1)
            try await place(pair.0, verified: true)
            try await place(pair.1, verified: true)
            return ([(pair.0, .download), (pair.1, .download)], piece.streams)
        }
        let source = ordered[piece.file]
        let (method, verified) = try await write(piece, of: source)
        guard remaining.finish(piece.file) else { return ([], piece.streams) }
        try await place(source, verified: verified)
        return ([(source, method)], piece.streams)
    }

    /// A client for one staging's GETs, with a pool of `connections` connections (shut down when the
    /// staging ends).
    private static func httpClient(connections: Int) -> HTTPClient {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = connections
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
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
        let buffer = UnsafeMutableRawBufferPointer.allocate(
            byteCount: Self.bufferSize, alignment: AlignedBuffer.alignment)
        defer { buffer.deallocate() }
        var offset = range?.lowerBound ?? 0
        let end = range?.upperBound ?? size
        var ended = false
        // A range stops at its end (a longer object is caught by the read-back); a whole object is read to
        // the end of its stream, where the verifying reader checks it (and throws first if it is longer).
        while !ended, range == nil || offset < end {
            let filled: Int
            (filled, ended) = try await Self.fill(buffer, from: reader)
            try file.write(UnsafeRawBufferPointer(rebasing: buffer[0..<filled]), at: offset)
            offset += Int64(filled)
        }
    }

    /// Streams two whole objects from a bucket into their partial copies at once, hashing both in the two
    /// lanes of one core; throws ``StageError/corruptSource(_:)`` unless each has its manifest size and
    /// SHA-256 (so neither needs a second read).
    private func copyPair(_ first: StageSource, _ second: StageSource) async throws {
        let sources = [first, second]
        let files = try sources.map { try DirectFileWriter(path: $0.target.partial, direct: options.sync) }
        var streams: [any ObjectReading] = []
        for source in sources { streams.append(try await source.backend.openForReading(source.digest, range: nil)) }
        let buffers = sources.map { _ in
            UnsafeMutableRawBufferPointer.allocate(byteCount: Self.bufferSize, alignment: AlignedBuffer.alignment)
        }
        defer { for buffer in buffers { buffer.deallocate() } }
        let hasher = StreamPairHasher()
        var offsets: [Int64] = [0, 0]
        var ended = [false, false]
        while !ended.allSatisfy({ $0 }) {
            var filled = [0, 0]
            for lane in 0..<2 where !ended[lane] {
                (filled[lane], ended[lane]) = try await Self.fill(buffers[lane], from: streams[lane])
                // A longer object is refused before its extra bytes are written or hashed.
                guard offsets[lane] + Int64(filled[lane]) <= sources[lane].target.entry.size else {
                    throw Self.corrupt(sources[lane])
                }
            }
            hasher.update(
                UnsafeRawBufferPointer(rebasing: buffers[0][0..<filled[0]]),
                UnsafeRawBufferPointer(rebasing: buffers[1][0..<filled[1]]))
            for lane in 0..<2 where filled[lane] > 0 {
                let bytes = UnsafeRawBufferPointer(rebasing: buffers[lane][0..<filled[lane]])
                try files[lane].write(bytes, at: offsets[lane])
                offsets[lane] += Int64(filled[lane])
            }
        }
        for lane in 0..<2 {
            guard offsets[lane] == sources[lane].target.entry.size, hasher.finalize(lane) == sources[lane].digest else {
                throw Self.corrupt(sources[lane])
            }
        }
    }

    /// Reads from `reader` until `buffer` is full or the stream ends; returns the bytes read and whether it
    /// ended.
    private static func fill(
        _ buffer: UnsafeMutableRawBufferPointer, from reader: any ObjectReading
    ) async throws -> (count: Int, ended: Bool) {
        var filled = 0
        while filled < buffer.count {
            let count = try await reader.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[filled...]))
            if count == 0 { return (filled, true) }
            filled += count
        }
        return (filled, false)
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
