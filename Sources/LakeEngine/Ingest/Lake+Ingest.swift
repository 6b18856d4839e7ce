import Catalog
import Dispatch
import Foundation
import Storage
import Synchronization

extension Lake {
    /// Ingests files and folders into dataset `name` (created in the ingest zone if new).
    ///
    /// Walks `paths`, then per batch of files: reads, hashes, sniffs and parses headers on worker threads,
    /// stages new objects in the ingest tier and publishes them (fsync, rename, folder fsync) before it
    /// commits the batch's catalog rows, per-file QC flags and one audit event in one short transaction. After the last batch the
    /// series and sample rules run and the dataset's modality/assay summary is refreshed.
    ///
    /// Idempotent: bytes the dataset already holds are hashed, found and skipped. A file that cannot be
    /// read or parsed, and a path that cannot be read at all, is reported in ``IngestReport/errors`` and
    /// never stops the batch; ``IngestReport/result`` says whether some or no file succeeded. A new dataset
    /// is created with the first batch that records a file, so when none does there is no dataset. Killed
    /// at any point, the catalog holds whole batches only, and a rerun completes the rest.
    ///
    /// Files are found and opened by the bytes of their names, which need not be UTF-8; see
    /// ``SourcePath/text`` for how such a name is written in the catalog and the report.
    ///
    /// - Parameter progress: Called after each committed batch (on the calling thread).
    public func ingest(
        _ paths: [String], dataset name: String, options: IngestOptions = IngestOptions(),
        progress: ((IngestProgress) -> Void)? = nil
    ) throws -> IngestReport {
        try ingest(paths.map(SourcePath.init), dataset: name, options: options, progress: progress)
    }

    /// Ingests files and folders named by their bytes (a command line's, which need not be UTF-8) into
    /// dataset `name`, as the `String` form above does.
    public func ingest(
        _ paths: [SourcePath], dataset name: String, options: IngestOptions = IngestOptions(),
        progress: ((IngestProgress) -> Void)? = nil
    ) throws -> IngestReport {
        guard !paths.isEmpty else { throw LakeError.invalidArgument("Please give at least one file or folder to ingest.") }
        var run = try IngestRun(lake: self, dataset: name, options: options)
        let walk = FileWalker(roots: paths)
        run.report.skipped = walk.skipped.map { IngestReport.Problem(path: $0.path, reason: $0.reason) }
        run.report.errors = walk.failures.map { IngestReport.Problem(path: $0.path, reason: $0.reason) }
        run.report.filesSeen = walk.files.count
        run.report.bytesSeen = walk.files.reduce(0) { $0 + $1.size }

        var bytesDone: Int64 = 0
        var filesDone = 0
        let batches = Self.batches(walk.files, count: options.batchSize, bytes: options.batchBytes)
        // A pipeline: while batch N records its rows, batch N+1 publishes and N+2 is read, hashed, parsed.
        var inFlight: [Pending<PublishedBatch>] = []
        var launched = 0
        func launch() {
            guard launched < batches.count else { return }
            inFlight.append(run.startPublishing(run.startWork(on: batches[launched]), after: inFlight.last))
            launched += 1
        }
        launch()
        launch()
        for batch in batches {
            do {
                let published = try inFlight.removeFirst().wait()
                launch()
                try run.record(published)
            } catch {
                inFlight.forEach(run.abandon)
                throw error
            }
            bytesDone += batch.reduce(0) { $0 + $1.size }
            filesDone += batch.count
            progress?(IngestProgress(
                filesDone: filesDone, filesTotal: walk.files.count, bytesDone: bytesDone,
                bytesTotal: run.report.bytesSeen, elapsed: run.elapsed))
        }
        return try run.finish()
    }

    /// In-flight object files without a writer stamp (``ProcessStamp``) older than this are leftovers of a
    /// killed writer; stamped files go as soon as their writer is provably dead.
    static let staleTemporaryAge: TimeInterval = 6 * 3600

    // MARK: - Datasets

    /// Finds dataset `name`, or creates it in the ingest zone (with its first version and audit event) in
    /// the caller's transaction; a new name must pass ``DatasetName``.
    ///
    /// Every dataset is created here, so this is where names are checked. Existing datasets are found by
    /// name as they are, so a dataset created before the name rule still takes more data.
    func findOrCreateDataset(_ name: String, role: Role, _ tx: CatalogTransaction) throws -> FoundDataset {
        if let dataset = try tx.dataset(named: name), let id = dataset.id {
            return FoundDataset(dataset: dataset, id: id, created: false)
        }
        try DatasetName.validate(name)
        let now = Date()
        var dataset = Dataset(name: name, zone: configuration.ingestZone, owner: actor.user, createdAt: now)
        try tx.insert(&dataset)
        guard let id = dataset.id else { throw LakeError.notFound(kind: "dataset", id: name) }
        var version = DatasetVersion(datasetId: id, number: 1, state: .draft, createdBy: actor.user, createdAt: now)
        try tx.insert(&version)
        try appendAudit(tx, role: role, action: "dataset.create", target: name, details: ["zone": dataset.zone])
        return FoundDataset(dataset: dataset, id: id, created: true)
    }

    // MARK: - Helpers

    /// Splits `files` into batches of at most `count` files and, unless one file is larger, `bytes` bytes,
    /// so that large files still commit (and report progress) often.
    static func batches(_ files: [FileWalker.Entry], count: Int, bytes: Int64) -> [[FileWalker.Entry]] {
        var batches: [[FileWalker.Entry]] = []
        var current: [FileWalker.Entry] = []
        var size: Int64 = 0
        for file in files {
            if !current.isEmpty, current.count >= count || size + file.size > bytes {
                batches.append(current)
                current = []
                size = 0
            }
            current.append(file)
            size += file.size
        }
        if !current.isEmpty { batches.append(current) }
        return batches
    }

    /// Applies `transform` to every element on `workers` threads, keeping the order.
    static func parallelMap<Element: Sendable, Result: Sendable>(
        _ elements: [Element], workers: Int, _ transform: @Sendable (Element) -> Result
    ) -> [Result] {
        let results = Mutex<[Int: Result]>([:])
        let next = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: min(workers, elements.count)) { _ in
            while true {
                let index = next.add(1, ordering: .relaxed).oldValue
                guard index < elements.count else { return }
                let result = transform(elements[index])
                results.withLock { $0[index] = result }
            }
        }
        return results.withLock { map in elements.indices.compactMap { map[$0] } }
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
