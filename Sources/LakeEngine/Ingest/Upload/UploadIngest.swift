import Catalog
import Foundation
import NIOCore
import Storage
import Synchronization

/// An ingest whose files arrive as bytes through the lake service (``IngestUploadFormat``), not as paths
/// the engine opens.
///
/// The same pipeline as ``Lake/ingest(_:dataset:options:progress:)``, fed by the upload instead of a
/// folder walk: files are gathered into batches as they arrive; while the next batch is received, one
/// is hashed, parsed and staged on worker threads, one published and one recorded (rows, flags and one
/// audit event per batch, in one transaction). ``finish()`` runs the series and sample rules. The
/// names are the client's (provenance); the bytes are hashed here, and kept exactly as received.
///
/// Killed at any point (the service, or the client cutting its upload short), the catalog holds whole
/// batches only, and a rerun of the same upload adds the rest: bytes the dataset holds are skipped.
///
/// Thread-safe in that calls are serialized; they are meant to come one at a time from one request.
///
/// ```
/// let upload = try lake.uploadIngest(dataset: "ct", options: IngestOptions())
/// for try await chunk in body { try upload.receive(chunk) }
/// let report = try upload.finish()
/// ```
public final class UploadIngest: Sendable {
    private let state: Mutex<State>

    private struct State {
        var run: IngestRun
        var decoder: IngestUploadDecoder
        var batch: [UploadedFile] = []
        var batchBytes: Int64 = 0
        /// Batches being worked on or published, oldest first.
        var inFlight: [Pending<PublishedBatch>] = []
    }

    init(run: IngestRun, spoolFolder: String) {
        let options = run.ingestor.options
        state = Mutex(State(
            run: run, decoder: IngestUploadDecoder(inMemoryLimit: options.inMemoryLimit, spoolFolder: spoolFolder)))
    }

    /// Decodes `chunk`, starts the batches it completes and records the oldest while more than two are in
    /// flight (so memory holds at most three batches).
    /// - Throws: ``LakeError/invalidArgument(_:)`` for a malformed upload; catalog and storage failures.
    public func receive(_ chunk: ByteBuffer) throws {
        try state.withLock { state in
            for event in try state.decoder.consume(chunk) {
                switch event {
                case .file(let file):
                    state.run.report.filesSeen += 1
                    state.run.report.bytesSeen += file.size
                    state.batch.append(file)
                    state.batchBytes += file.size
                    let options = state.run.ingestor.options
                    if state.batch.count >= options.batchSize || state.batchBytes >= options.batchBytes {
                        try Self.launch(&state)
                    }
                case .failed(let problem):
                    state.run.report.errors.append(problem)
                case .skipped(let problem):
                    state.run.report.skipped.append(problem)
                case .end:
                    break
                }
            }
        }
    }

    /// Checks the upload ended whole, records every batch, runs the series and sample rules and returns
    /// the report.
    /// - Throws: ``LakeError/invalidArgument(_:)`` when the upload was cut short (its committed batches stay).
    public func finish() throws -> IngestReport {
        try state.withLock { state in
            try state.decoder.finish()
            try Self.launch(&state)
            while !state.inFlight.isEmpty { try Self.recordOldest(&state) }
            return try state.run.finish()
        }
    }

    /// Ends an upload that failed or was cut short: waits for the batches in flight (their objects stay
    /// unnamed in the tier, as after a kill, and a rerun links them) and removes spool files.
    public func abandon() {
        state.withLock { state in
            state.decoder.abandon()
            state.batch.forEach { $0.remove() }
            state.batch = []
            state.inFlight.forEach(state.run.abandon)
            state.inFlight = []
        }
    }

    // MARK: - Pipeline

    /// Starts work on the gathered batch; records the oldest batch while more than two are in flight.
    private static func launch(_ state: inout State) throws {
        if !state.batch.isEmpty {
            let batch = state.batch
            state.batch = []
            state.batchBytes = 0
            let work = Pending { [known = state.run.known, ingestor = state.run.ingestor] in
                Lake.parallelMap(batch, workers: ingestor.options.workers) { file in
                    defer { file.remove() }
                    return ingestor.ingest(file, known: known)
                }
            }
            state.inFlight.append(state.run.startPublishing(work, after: state.inFlight.last))
        }
        while state.inFlight.count > 2 { try recordOldest(&state) }
    }

    private static func recordOldest(_ state: inout State) throws {
        let published = try state.inFlight.removeFirst().wait()
        try state.run.record(published)
        FaultPoint.ingestBatchRecorded.reach()
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
    public func uploadIngest(dataset name: String, options: IngestOptions = IngestOptions()) throws -> UploadIngest {
        let run: IngestRun
        do {
            run = try IngestRun(lake: self, dataset: name, options: options)
        } catch let error as LakeError {
            if case .notPermitted = error { auditIngestRefusal(dataset: name, error) }
            throw error
        }
        try run.tier.prepare()
        return UploadIngest(run: run, spoolFolder: run.tier.root + "/tmp")
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
