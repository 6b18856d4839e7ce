import Catalog
import Foundation
import NIOCore
import Storage
import Synchronization

/// An ingest whose files arrive as bytes through the lake service (``IngestUploadFormat``), not as paths
/// the engine opens.
///
/// The same pipeline as ``Lake/ingest(_:dataset:options:progress:)``, fed by the upload instead of a
/// folder walk: files are gathered into batches as they arrive; each batch is hashed, parsed and staged
/// on worker threads, published, then recorded (rows, flags and one audit event per batch, in one
/// transaction) by a chain of its own, in order, so receiving never waits for a commit unless three
/// batches are waiting already (which bounds memory). ``finish()`` runs the series and sample rules.
/// The names are the client's (provenance); the bytes are hashed here, and kept exactly as received.
///
/// Killed at any point (the service, or the client cutting its upload short), the catalog holds whole
/// batches only, and a rerun of the same upload adds the rest: bytes the dataset holds are skipped.
///
/// Thread-safe; calls are meant to come one at a time from one request.
///
/// ```
/// let upload = try lake.uploadIngest(dataset: "ct", options: IngestOptions())
/// for try await chunk in body { try upload.receive(chunk) }
/// let report = try upload.finish()
/// ```
public final class UploadIngest: Sendable {
    /// What receiving owns: the decoder, the batch being gathered and the batches not yet recorded.
    private let receiving: Mutex<Receiving>
    /// The run, which the recording chain mutates (one batch at a time, in order).
    private let run: Mutex<IngestRun>
    private let ingestor: FileIngestor
    /// The server a pull's upload comes from; its cursor records advance the dataset's row for it.
    private let source: RemoteSourceName?

    private struct Receiving {
        var decoder: IngestUploadDecoder
        var batch: [UploadedFile] = []
        var batchBytes: Int64 = 0
        /// The last batch started: the next one publishes after it.
        var lastPublished: Pending<PublishedBatch>?
        /// One per batch not known to be recorded yet, oldest first.
        var recorded: [Pending<Void>] = []
        /// What the upload said beside the files, merged into the report at the end (so receiving never
        /// waits for the run while a batch commits).
        var filesSeen = 0
        var bytesSeen: Int64 = 0
        var errors: [IngestReport.Problem] = []
        var skipped: [IngestReport.Problem] = []
    }

    /// Batches received but not yet recorded, at most: receiving waits beyond this.
    private static let unrecordedLimit = 3

    init(run: IngestRun, spoolFolder: String, source: RemoteSourceName?) {
        ingestor = run.ingestor
        self.source = source
        receiving = Mutex(Receiving(
            decoder: IngestUploadDecoder(inMemoryLimit: run.ingestor.options.inMemoryLimit, spoolFolder: spoolFolder)))
        self.run = Mutex(run)
    }

    /// Decodes `chunk` and starts the batches it completes; waits only while too many batches are
    /// unrecorded.
    /// - Throws: ``LakeError/invalidArgument(_:)`` for a malformed upload; the failure of a batch's
    ///   work or commit.
    public func receive(_ chunk: ByteBuffer) throws {
        try receiving.withLock { state in
            for event in try state.decoder.consume(chunk) {
                switch event {
                case .file(let file):
                    state.filesSeen += 1
                    state.bytesSeen += file.size
                    state.batch.append(file)
                    state.batchBytes += file.size
                    if state.batch.count >= ingestor.options.batchSize || state.batchBytes >= ingestor.options.batchBytes {
                        try launch(&state)
                    }
                case .failed(let problem):
                    state.errors.append(problem)
                case .skipped(let problem):
                    state.skipped.append(problem)
                case .cursor(let cursor):
                    guard let source else {
                        throw LakeError.invalidArgument(
                            "The ingest upload carries a cursor but names no source: give source and sourceURL.")
                    }
                    try launch(&state, advancing: (source, cursor))
                case .end:
                    break
                }
            }
        }
    }

    /// Checks the upload ended whole, waits for every batch to be recorded, runs the series and sample
    /// rules and returns the report.
    /// - Throws: ``LakeError/invalidArgument(_:)`` when the upload was cut short (its committed batches stay).
    public func finish() throws -> IngestReport {
        try receiving.withLock { state in
            try state.decoder.finish()
            try launch(&state)
            while !state.recorded.isEmpty { try state.recorded.removeFirst().wait() }
            return try run.withLock { run in
                run.report.filesSeen += state.filesSeen
                run.report.bytesSeen += state.bytesSeen
                run.report.errors = state.errors + run.report.errors
                run.report.skipped += state.skipped
                return try run.finish()
            }
        }
    }

    /// Ends an upload that failed or was cut short: waits for the batches in flight (a batch whose
    /// commit had not started is not recorded; its objects stay unnamed in the tier, as after a kill, and
    /// a rerun links them) and removes spool files.
    public func abandon() {
        receiving.withLock { state in
            state.decoder.abandon()
            state.batch.forEach { $0.remove() }
            state.batch = []
            state.recorded.forEach { try? $0.wait() }
            state.recorded = []
        }
    }

    // MARK: - Pipeline

    /// Starts the gathered batch: work on worker threads, publishing after the previous batch, and its
    /// commit after the previous commit. Waits for the oldest commit while too many are pending.
    ///
    /// With `advancing`, the batch (even an empty one) also moves the source's cursor, in the transaction
    /// that records its files: the cursor never gets ahead of the rows.
    private func launch(_ state: inout Receiving, advancing: (RemoteSourceName, Int64)? = nil) throws {
        if !state.batch.isEmpty || advancing != nil {
            let batch = state.batch
            state.batch = []
            state.batchBytes = 0
            let known = run.withLock { $0.known }
            let work = Pending { [ingestor] in
                Lake.parallelMap(batch, workers: ingestor.options.workers) { file in
                    defer { file.remove() }
                    return ingestor.ingest(file, known: known)
                }
            }
            let published = run.withLock { $0.startPublishing(work, after: state.lastPublished) }
            let previous = state.recorded.last
            let extra = advancing.map { source, cursor in
                { @Sendable (tx: CatalogTransaction) throws in
                    try source.advance(to: cursor, instances: Int64(batch.count), tx)
                }
            }
            let recorded = Pending { [self] () throws in
                // A batch is recorded only after the one before it was: a failure stops the chain.
                try previous?.wait()
                let batch = try published.wait()
                try run.withLock { run in _ = try run.record(batch, extra: extra) }
                FaultPoint.ingestBatchRecorded.reach()
            }
            state.lastPublished = published
            state.recorded.append(recorded)
        }
        while state.recorded.count > Self.unrecordedLimit { try state.recorded.removeFirst().wait() }
    }
}

extension FileIngestor {
    /// Ingests an uploaded file: from memory, or from the service's spool file (the outcome then names
    /// the client's path, never the spool file).
    func ingest(_ file: UploadedFile, known: Set<String>) -> Outcome {
        let name = SourceName(file.name)
        switch file.body {
        case .memory(let buffer):
            do {
                return try ingest(buffer, name: name, known: known)
            } catch {
                return .rejected(path: name.text, reason: String(describing: error))
            }
        case .spooled(let path, let size):
            return ingest(FileWalker.Entry(path: SourcePath(path), size: size), known: known)
                .naming(name, insteadOf: path)
        }
    }
}

extension FileIngestor.Outcome {
    /// The outcome with `name` (text and exact bytes) in place of the spool file's path.
    func naming(_ name: SourceName, insteadOf spool: String) -> Self {
        switch self {
        case .stored(var file):
            file.path = name.text
            file.pathBytes = name.nonUTF8Bytes
            return .stored(file)
        case .alreadyInDataset(_, let size):
            return .alreadyInDataset(path: name.text, size: size)
        case .rejected(_, let reason):
            return .rejected(path: name.text, reason: reason.replacingOccurrences(of: spool, with: name.text))
        }
    }
}

extension Lake {
    /// Starts an ingest into dataset `name` whose files will arrive as an upload (``UploadIngest``).
    ///
    /// Checks the ingest right first; a caller without it is refused with
    /// ``LakeError/notPermitted(user:permission:)`` and the refusal is audited (`ingest.refused`), since
    /// through the service a refused ingest is an attempt on the lake, not a local mistake.
    ///
    /// With `source`, the upload is a pull from that DICOM server made by the caller's process: its cursor
    /// records advance the dataset's row for the server (``RemoteSource``) with each batch.
    public func uploadIngest(
        dataset name: String, options: IngestOptions = IngestOptions(), source: RemoteSourceName? = nil
    ) throws -> UploadIngest {
        let run: IngestRun
        do {
            run = try IngestRun(lake: self, dataset: name, options: options)
        } catch let error as LakeError {
            if case .notPermitted = error { auditIngestRefusal(dataset: name, error) }
            throw error
        }
        try run.tier.prepare()
        return UploadIngest(run: run, spoolFolder: run.tier.root + "/tmp", source: source.map { $0.named(dataset: name) })
    }

    /// Appends `ingest.refused` (who, which dataset, why) in a transaction of its own. Best effort, as
    /// for refused promotion decisions.
    private func auditIngestRefusal(dataset name: String, _ error: any Error) {
        try? catalog.write { tx in
            try appendAudit(
                tx, roleName: actorRoles.min()?.rawValue ?? "none", action: "ingest.refused", target: name,
                details: ["reason": String(describing: error)])
        }
    }
}
