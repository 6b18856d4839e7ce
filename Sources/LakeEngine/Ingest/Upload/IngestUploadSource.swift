import Foundation
import NIOCore

#if canImport(Glibc)
import Glibc
#endif

/// The client half of an upload (``IngestUploadFormat``): walks the paths given to `medlake ingest` and
/// reads every file with the calling user's own rights, producing the body chunk by chunk.
///
/// What the user cannot read (a 0600 file of someone else, `/etc/shadow`, a link to either) fails here,
/// in the user's process, and is sent as an `E` record naming the path and the system's reason: the
/// service never learns more than that the path was named, and never opens it. The walk is the one
/// in-process ingest does (``FileWalker``): links out of the roots and special files are skipped.
///
/// - warning: Not thread-safe: one source per upload.
public struct IngestUploadSource {
    /// Files the walk found, and their bytes, for progress.
    public let filesTotal: Int
    public let bytesTotal: Int64
    /// Files and bytes put in chunks so far.
    public private(set) var filesDone = 0
    public private(set) var bytesDone: Int64 = 0

    private var records: [Record]
    private var position = 0
    /// A large file being sent in pieces.
    private var streaming: (descriptor: Int32, path: SourcePath, remaining: Int64)?
    /// The magic went out (with the first chunk).
    private var started = false
    private var ended = false

    private enum Record {
        case file(FileWalker.Entry)
        case problem(SourcePath, reason: String, skipped: Bool)
    }

    /// About how many bytes a chunk holds (a file larger than this is sent over several chunks).
    static let chunkSize = 4 << 20

    /// Walks `paths` now (as the calling user).
    public init(paths: [SourcePath]) {
        let walk = FileWalker(roots: paths)
        records = walk.failures.map { .problem(SourcePath($0.path), reason: $0.reason, skipped: false) }
            + walk.skipped.map { .problem(SourcePath($0.path), reason: $0.reason, skipped: true) }
            + walk.files.map(Record.file)
        filesTotal = walk.files.count
        bytesTotal = walk.files.reduce(0) { $0 + $1.size }
    }

    /// The next piece of the body, about ``chunkSize`` bytes; nil once the end record was given.
    /// - Throws: ``LakeError/invalidArgument(_:)`` when a large file changes size while it is sent (its
    ///   record cannot be completed, so the upload stops; committed batches stay and a rerun adds the rest).
    public mutating func nextChunk() throws -> ByteBuffer? {
        guard !ended else { return nil }
        var chunk = ByteBuffer()
        chunk.reserveCapacity(Self.chunkSize + 64 * 1024)
        if !started { chunk.writeBytes(IngestUploadFormat.magic) }
        started = true
        while chunk.readableBytes < Self.chunkSize {
            if streaming != nil {
                try continueStreaming(into: &chunk)
                continue
            }
            guard position < records.count else {
                chunk.writeBytes(IngestUploadFormat.end)
                ended = true
                break
            }
            let record = records[position]
            position += 1
            switch record {
            case .problem(let path, let reason, let skipped):
                chunk.writeBytes(IngestUploadFormat.problem(name: path, reason: reason, skipped: skipped))
            case .file(let entry):
                append(entry, to: &chunk)
            }
        }
        return chunk
    }

    // MARK: - Files

    /// Appends `entry`'s record: whole when it is small, else its header, the file then following in
    /// pieces; or an `E` record when the user cannot read it.
    private mutating func append(_ entry: FileWalker.Entry, to chunk: inout ByteBuffer) {
        let descriptor = entry.path.withCString { open($0, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK) }
        guard descriptor >= 0 else {
            chunk.writeBytes(IngestUploadFormat.problem(name: entry.path, reason: Self.reason("cannot open", errno), skipped: false))
            return
        }
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            close(descriptor)
            chunk.writeBytes(IngestUploadFormat.problem(name: entry.path, reason: "not a regular file", skipped: false))
            return
        }
        let size = Int64(info.st_size)
        let header = IngestUploadFormat.fileHeader(name: entry.path, size: size)
        if size > Int64(Self.chunkSize) {
            chunk.writeBytes(header)
            streaming = (descriptor, entry.path, size)
            return
        }
        defer { close(descriptor) }
        // The bytes are read straight after the header, to the end (one byte more than fstat said, to see
        // a file that grew); a file that changed size is taken back out and reported.
        let recordStart = chunk.writerIndex
        chunk.writeBytes(header)
        var failure: Int32 = 0
        let count = chunk.writeWithUnsafeMutableBytes(minimumWritableBytes: Int(size) + 1) { target in
            var count = 0
            while count < Int(size) + 1 {
                let got = read(descriptor, target.baseAddress.map { $0 + count }, Int(size) + 1 - count)
                if got < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return 0
                }
                if got == 0 { break }
                count += got
            }
            return count
        }
        guard failure == 0, count == Int(size) else {
            chunk.moveWriterIndex(to: recordStart)
            let reason = failure != 0 ? Self.reason("cannot read", failure) : "file changed size while being ingested"
            chunk.writeBytes(IngestUploadFormat.problem(name: entry.path, reason: reason, skipped: false))
            return
        }
        filesDone += 1
        bytesDone += size
    }

    /// Appends the next piece of the large file being sent.
    private mutating func continueStreaming(into chunk: inout ByteBuffer) throws {
        guard let (descriptor, path, remaining) = streaming else { return }
        let want = Int(min(remaining, Int64(Self.chunkSize)))
        var failure: Int32 = 0
        let count = chunk.writeWithUnsafeMutableBytes(minimumWritableBytes: want) { target in
            var count = 0
            while count < want {
                let got = read(descriptor, target.baseAddress.map { $0 + count }, want - count)
                if got < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return count
                }
                if got == 0 { break }
                count += got
            }
            return count
        }
        guard failure == 0, count == want else {
            close(descriptor)
            streaming = nil
            let why = failure != 0 ? String(cString: strerror(failure)) : "it changed size while being sent"
            throw LakeError.invalidArgument("cannot send \(path.text) to the lake service: \(why)")
        }
        bytesDone += Int64(want)
        if remaining - Int64(want) == 0 {
            close(descriptor)
            streaming = nil
            filesDone += 1
        } else {
            streaming = (descriptor, path, remaining - Int64(want))
        }
    }

    private static func reason(_ what: String, _ code: Int32) -> String {
        "\(what): \(String(cString: strerror(code)))"
    }
}
