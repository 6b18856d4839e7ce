import Foundation
import NIOCore
import Storage

#if canImport(Glibc)
import Glibc
#endif

/// The client half of a pull through the lake service: this process asks the DICOM server for its
/// instances — with the user's credentials, over the user's network — and writes them as an ingest
/// upload (``IngestUploadFormat``), each instance named by the URL it came from.
///
/// The service never fetches a URL for a caller: a service that did would reach, with its own network
/// position, whatever address a client named (a server-side request forgery), and pull with
/// credentials the caller may not hold (a confused deputy). For Orthanc, a cursor record follows each
/// batch of instances (`/changes` sequence numbers), which the service commits with the batch, so a
/// pull killed at any point resumes after the last committed batch. DICOMweb has no change feed: before
/// each batch the service is asked which of its SOP Instance UIDs the dataset catalogs (``catalogued``),
/// and only the others are retrieved and sent, as an in-process pull skips them.
///
/// Memory: one batch of downloads (each at most the spool threshold; larger ones in a private spool
/// folder of this process) and the few chunks ``UploadPipe`` queues.
public struct RemotePullUpload: Sendable {
    let server: DICOMServerClient
    let pull: RemotePull
    /// Orthanc: the change number to start after.
    let cursor: Int64
    let options: RemoteIngestOptions
    /// A folder of this process's own for instances larger than the spool threshold.
    let spoolFolder: String
    /// DICOMweb: those of a batch's SOP Instance UIDs (at most ``Lake/cataloguedInstancesLimit``) the
    /// dataset catalogs already.
    let catalogued: @Sendable ([String]) async throws -> Set<String>

    /// - Throws: ``RemoteSourceError`` for a URL that is not `http(s)://…` or carries credentials;
    ///   ``LakeError/system(operation:path:errno:)`` when no spool folder can be made.
    public init(
        pull: RemotePull, credentials: RemoteCredentials?, after cursor: Int64,
        catalogued: @escaping @Sendable ([String]) async throws -> Set<String>
    ) throws {
        server = try DICOMServerClient(baseURL: pull.url, credentials: credentials)
        self.pull = pull
        self.cursor = cursor
        self.catalogued = catalogued
        options = RemoteIngestOptions(ingest: IngestOptions(keepUnknown: pull.keepUnknown, batchSize: 200))
        let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("medlake-pull-XXXXXX").path
        var template = Array(folder.utf8CString)
        guard let made = mkdtemp(&template) else {
            throw LakeError.system(operation: "mkdtemp", path: NSTemporaryDirectory(), errno: errno)
        }
        spoolFolder = String(cString: made)
    }

    /// The server's base URL as instances are named and the service records it.
    public var sourceURL: String { server.baseURL }

    /// Pulls into `pipe` and finishes it; returns the pull's error (also given to the pipe), so the caller
    /// reports the server's answer rather than the aborted request's.
    public func produce(into pipe: UploadPipe, progress: (@Sendable (IngestProgress) -> Void)?) async -> (any Error)? {
        defer { try? FileManager.default.removeItem(atPath: spoolFolder) }
        var writer = Writer(pipe: pipe, progress: progress)
        do {
            try await writer.send(IngestUploadFormat.magic)
            switch pull.kind {
            case .orthanc: try await orthanc(&writer)
            case .dicomweb: try await dicomweb(&writer)
            }
            try await writer.send(IngestUploadFormat.end)
            pipe.finish()
            return nil
        } catch {
            pipe.finish(throwing: error)
            return error
        }
    }

    /// The `/changes` feed after `cursor`, as ``Lake/ingest(fromOrthanc:dataset:since:credentials:options:progress:)``
    /// reads it, with a cursor record after each batch (and after a page with no new instance).
    private func orthanc(_ writer: inout Writer) async throws {
        var cursor = self.cursor
        while true {
            let page = try await server.getJSON(
                "/changes?since=\(cursor)&limit=\(options.changesPerPage)", as: OrthancChanges.self)
            let instances = page.changes.filter { $0.changeType == "NewInstance" && $0.resourceType == "Instance" }
            let size = options.ingest.batchSize
            let batches = stride(from: 0, to: instances.count, by: size).map {
                Array(instances[$0..<min($0 + size, instances.count)])
            }
            for (index, batch) in batches.enumerated() {
                let downloads = try await Lake.download(batch.map(\.id), concurrency: options.downloads) {
                    [server, spoolFolder, options] id in
                    let (_, body) = try await server.fetch(
                        "/instances/\(id)/file", spoolFolder: spoolFolder, spoolThreshold: options.spoolThreshold)
                    return RemoteDownload(source: server.baseURL + "/instances/" + id, body: body)
                }
                try await writer.send(downloads)
                cursor = index + 1 == batches.count ? max(page.last, batch.last?.seq ?? cursor) : (batch.last?.seq ?? cursor)
                try await writer.send(IngestUploadFormat.cursor(cursor))
            }
            if batches.isEmpty, page.last > cursor {
                cursor = page.last
                try await writer.send(IngestUploadFormat.cursor(cursor))
            }
            if page.done || page.changes.isEmpty { break }
        }
    }

    /// Every instance QIDO-RS lists that the dataset does not catalog, retrieved with WADO-RS, in batches as
    /// the listing goes.
    private func dicomweb(_ writer: inout Writer) async throws {
        var pending: [Lake.WADOInstance] = []
        let pageSize = options.qidoPageSize
        func flush(_ writer: inout Writer) async throws {
            let known = try await catalogued(pending.map(\.sopInstanceUID))
            pending.removeAll { known.contains($0.sopInstanceUID) }
            let downloads = try await Lake.download(pending, concurrency: options.downloads) {
                [server, spoolFolder, options] item in
                try await Lake.retrieve(item, from: server, spoolFolder: spoolFolder, spoolThreshold: options.spoolThreshold)
            }
            pending = []
            try await writer.send(downloads)
        }
        try await server.eachInstance(pageSize: pageSize) { sop, path in
            pending.append(Lake.WADOInstance(sopInstanceUID: sop, path: path))
            if pending.count >= options.ingest.batchSize { try await flush(&writer) }
        }
        if !pending.isEmpty { try await flush(&writer) }
    }

    /// Writes records into the pipe and counts what went, for progress.
    private struct Writer {
        let pipe: UploadPipe
        let progress: (@Sendable (IngestProgress) -> Void)?
        let start = ContinuousClock.now
        var files = 0
        var bytes: Int64 = 0

        /// The pieces a large spooled instance is sent in.
        static let pieceSize = 4 << 20

        func send(_ bytes: [UInt8]) async throws {
            try await send(ByteBuffer(bytes: bytes))
        }

        func send(_ chunk: ByteBuffer) async throws {
            try Task.checkCancellation()
            guard await pipe.send(chunk) else { throw CancellationError() }
        }

        /// Each download as a file record named by its URL; spool files are removed as they go.
        mutating func send(_ downloads: [RemoteDownload]) async throws {
            defer { downloads.forEach { $0.body.remove() } }
            for download in downloads {
                let name = SourcePath(download.source)
                switch download.body {
                case .memory(let data):
                    var chunk = ByteBuffer(bytes: IngestUploadFormat.fileHeader(name: name, size: Int64(data.count)))
                    chunk.writeBytes(data)
                    try await send(chunk)
                case .spooled(let path, let size):
                    try await send(ByteBuffer(bytes: IngestUploadFormat.fileHeader(name: name, size: size)))
                    try await sendFile(at: path, size: size)
                }
                files += 1
                bytes += download.body.size
            }
            let elapsed = ContinuousClock.now - start
            progress?(IngestProgress(
                filesDone: files, filesTotal: files, bytesDone: bytes, bytesTotal: bytes,
                elapsed: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18))
        }

        /// Exactly `size` bytes of the spool file at `path`, a piece at a time, each read on ``IOThreads``.
        private func sendFile(at path: String, size: Int64) async throws {
            guard let handle = FileHandle(forReadingAtPath: path) else {
                throw LakeError.system(operation: "open", path: path, errno: errno)
            }
            defer { try? handle.close() }
            var remaining = size
            while remaining > 0 {
                let wanted = Int(min(Int64(Self.pieceSize), remaining))
                let data = try await IOThreads.perform { try handle.read(upToCount: wanted) ?? Data() }
                guard !data.isEmpty else {
                    throw LakeError.invalidArgument("The spooled instance \(path) ended \(remaining) bytes early.")
                }
                remaining -= Int64(data.count)
                try await send(ByteBuffer(bytes: data))
            }
        }
    }
}
