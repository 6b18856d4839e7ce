import Catalog
import Foundation
import Storage

/// One ingest into one dataset, whatever the bytes come from (walked files or a DICOM server).
///
/// Owns what every source shares: the dataset, the ingest tier, the digests the dataset holds, the
/// report, and the commit of each batch of per-file outcomes (publish staged objects, then write the
/// rows, per-file flags and one audit event in one transaction). ``finish()`` runs the series and
/// sample rules and refreshes the dataset summary.
///
/// A new dataset is created in the transaction of the first batch that records a file, so an ingest in
/// which no file succeeds leaves no empty dataset behind (a source that needs the row from the start,
/// such as a server pull keeping a cursor, calls ``createDataset()`` and, when the pull ends with no file
/// recorded, ``discardEmptyDataset()``).
///
/// - warning: Not thread-safe: one run per caller; the per-file work it commits runs on worker threads.
struct IngestRun {
    let lake: Lake
    let role: Role
    let datasetName: String
    /// The dataset's row: nil while a new dataset has recorded no file yet.
    private(set) var dataset: Dataset?
    let tier: FileSystemTier
    let ingestor: FileIngestor
    let raiser: FlagRaiser
    /// SHA-256 of every object the dataset holds.
    var known: Set<String>
    var report: IngestReport
    private var batchNumber = 0
    private let start = ContinuousClock.now

    init(lake: Lake, dataset name: String, options: IngestOptions) throws {
        self.lake = lake
        role = try lake.authorize(.ingest)
        datasetName = name
        tier = try lake.preparedTier(named: lake.configuration.ingestTier)
        try lake.sweepDeadTemporaries(in: [tier])
        let existing = try lake.catalog.read { tx in try tx.dataset(named: name) }
        // A new name is checked before any file is read, so a refused name stores nothing.
        if existing == nil { try DatasetName.validate(name) }
        dataset = existing
        report = IngestReport(dataset: name)
        known = try existing?.id.map { id in try lake.catalog.read { tx in try tx.objectHashes(datasetId: id) } } ?? []
        ingestor = FileIngestor(
            tier: tier, catalog: lake.catalog,
            reader: HeaderReader(quality: lake.configuration.quality, pseudonymizer: try lake.patientPseudonymizer()),
            options: options)
        raiser = FlagRaiser(configuration: lake.configuration, zone: existing?.zone ?? lake.configuration.ingestZone)
    }

    /// Creates the dataset now if it does not exist yet, and returns its id.
    mutating func createDataset() throws -> Int64 {
        let found = try lake.catalog.write { [lake, datasetName, role] tx in
            try lake.findOrCreateDataset(datasetName, role: role, tx)
        }
        dataset = found.dataset
        report.datasetCreated = report.datasetCreated || found.created
        return found.id
    }

    /// Removes the dataset this run created when it still holds no file (a server pull whose every
    /// instance failed, or that failed before its first batch), with a `dataset.discard` audit event, so a
    /// failed pull leaves no empty dataset behind. Rows that name the dataset (its draft version, a
    /// server's cursor) go with it by their foreign keys.
    mutating func discardEmptyDataset() throws {
        guard report.datasetCreated, let datasetId = dataset?.id else { return }
        let discarded = try lake.catalog.write { [lake, role, datasetName] tx in
            guard try tx.fileCount(datasetId: datasetId) == 0 else { return false }
            try tx.deleteDataset(id: datasetId)
            try lake.appendAudit(
                tx, role: role, action: "dataset.discard", target: datasetName,
                details: ["reason": "the ingest that created it recorded no file"])
            return true
        }
        if discarded {
            dataset = nil
            report.datasetCreated = false
        }
    }

    /// ``finish()`` for a server pull: also discards the dataset the pull created if it recorded no file.
    mutating func finishPull() throws -> IngestReport {
        _ = try finish()
        try discardEmptyDataset()
        return report
    }

    /// Progress so far, for a source that learns its size as it goes (a server pull): totals are what
    /// was seen.
    var progressSoFar: IngestProgress {
        IngestProgress(
            filesDone: report.filesSeen, filesTotal: report.filesSeen, bytesDone: report.bytesSeen,
            bytesTotal: report.bytesSeen, elapsed: elapsed)
    }

    /// Seconds since the run started.
    var elapsed: Double { Lake.seconds(ContinuousClock.now - start) }

    /// Starts reading, hashing, parsing and staging `batch` on worker threads, against the digests known
    /// now.
    func startWork(on batch: [FileWalker.Entry]) -> Pending<[FileIngestor.Outcome]> {
        Pending { [known, ingestor] in
            Lake.parallelMap(batch, workers: ingestor.options.workers) { ingestor.ingest($0, known: known) }
        }
    }

    /// Once `work` is done and the `previous` batch published, publishes the new objects on a thread of
    /// its own; ``record(_:extra:)`` takes the result. Batches publish in order, so an object two of them
    /// hold is written once. When publishing fails, the batch's staged files are removed.
    func startPublishing(
        _ work: Pending<[FileIngestor.Outcome]>, after previous: Pending<PublishedBatch>?
    ) -> Pending<PublishedBatch> {
        Pending { [lake, tier] in
            let outcomes = try work.wait()
            _ = try? previous?.wait()
            return try PublishedBatch(outcomes, tier: tier, catalog: lake.catalog)
        }
    }

    /// Waits for a batch that will not be recorded (an earlier one failed); its objects stay in the tier
    /// unnamed by the catalog, like those of a killed ingest, and a rerun links them.
    func abandon(_ published: Pending<PublishedBatch>) {
        _ = try? published.wait()
    }

    /// Publishes and records a batch in one go (for sources that commit as they fetch).
    @discardableResult
    mutating func commit(
        _ outcomes: [FileIngestor.Outcome], extra: ((CatalogTransaction) throws -> Void)? = nil
    ) throws -> [IngestedFile] {
        try record(PublishedBatch(outcomes, tier: tier, catalog: lake.catalog), extra: extra)
    }

    /// Commits a published batch's catalog rows, flags and one audit event in one transaction.
    ///
    /// `extra` runs inside the same write transaction (a remote source advances its cursor there, so the
    /// cursor never gets ahead of the rows). Returns the files that were recorded.
    @discardableResult
    mutating func record(_ published: PublishedBatch, extra: ((CatalogTransaction) throws -> Void)? = nil) throws -> [IngestedFile] {
        report.add(published.tally)
        // Files of a batch worked on while an earlier one recorded the same bytes.
        let stored = published.stored.filter { !known.contains($0.digest.hex) }
        report.filesAlreadyPresent += published.stored.count - stored.count
        guard !stored.isEmpty || extra != nil else { return stored }
        if !stored.isEmpty { batchNumber += 1 }
        let batch = batchNumber
        let (outcome, found) = try lake.catalog.write {
            [lake, role, stored, datasetName, raiser, tier] tx -> (IngestBatchWriter.Outcome, FoundDataset) in
            let found = try lake.findOrCreateDataset(datasetName, role: role, tx)
            let writer = IngestBatchWriter(datasetId: found.id, tier: tier.name, now: Date(), flagRaiser: raiser)
            let outcome = try writer.write(stored, tx)
            if outcome.filesAdded > 0 {
                try lake.appendAudit(
                    tx, role: role, action: "ingest", target: datasetName,
                    details: [
                        "batch": String(batch), "files": String(outcome.filesAdded),
                        "bytes": String(stored.reduce(Int64(0)) { $0 + $1.size }),
                        "formats": outcome.byFormat.keys.sorted().joined(separator: ","),
                    ])
            }
            try extra?(tx)
            return (outcome, found)
        }
        dataset = found.dataset
        report.datasetCreated = report.datasetCreated || found.created
        report.filesAdded += outcome.filesAdded
        report.filesAlreadyPresent += outcome.filesAlreadyPresent
        report.byFormat.merge(outcome.byFormat, uniquingKeysWith: +)
        report.byModality.merge(outcome.byModality, uniquingKeysWith: +)
        report.flagsRaised.merge(outcome.flagsRaised, uniquingKeysWith: +)
        known.formUnion(stored.map(\.digest.hex))
        return stored
    }

    /// Runs the series and sample rules over the whole dataset, refreshes its summary and returns the report.
    /// A dataset this run never created (no file succeeded) is left absent.
    mutating func finish() throws -> IngestReport {
        report.seconds = elapsed
        guard let dataset, let datasetId = dataset.id else { return report }
        let raised = try lake.catalog.write { [lake, role] tx in
            let raised = try lake.runQualityRules(datasetId: datasetId, zone: dataset.zone, role: role, tx)
            try tx.refreshSummary(datasetId: datasetId)
            if !raised.isEmpty {
                try lake.appendAudit(
                    tx, role: role, action: "qc.rules", target: dataset.name, details: raised.mapValues(String.init))
            }
            return raised
        }
        report.flagsRaised.merge(raised, uniquingKeysWith: +)
        report.seconds = elapsed
        return report
    }
}
