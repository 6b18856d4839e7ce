import Catalog
import Foundation
import GRDB
import Storage

/// One ingest into one dataset, whatever the bytes come from (walked files or a DICOM server).
///
/// Owns what every source shares: the dataset, the ingest tier, the digests the dataset holds, the
/// report, and the commit of each batch of per-file outcomes (publish staged objects, then write the
/// rows, per-file flags and one audit event in one transaction). ``finish()`` runs the series and
/// sample rules and refreshes the dataset summary.
///
/// - warning: Not thread-safe: one run per caller; the per-file work it commits runs on worker threads.
struct IngestRun {
    let lake: Lake
    let role: Role
    let dataset: Dataset
    let datasetId: Int64
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
        try Lake.validateDatasetName(name)
        tier = try lake.tier(named: lake.configuration.ingestTier)
        try tier.prepare()
        tier.sweepTemporaries(olderThan: Lake.staleTemporaryAge)
        dataset = try lake.findOrCreateDataset(name, role: role)
        guard let id = dataset.id else { throw LakeError.notFound(kind: "dataset", id: name) }
        datasetId = id
        report = IngestReport(dataset: name)
        known = try lake.catalog.reader.read { db in
            Set(try String.fetchAll(
                db,
                sql: "SELECT o.sha256 FROM datasetFile f JOIN object o ON o.id = f.objectId WHERE f.datasetId = ?",
                arguments: [id]))
        }
        ingestor = FileIngestor(
            tier: tier, catalog: lake.catalog.reader, reader: HeaderReader(quality: lake.configuration.quality),
            options: options)
        raiser = FlagRaiser(configuration: lake.configuration, zone: dataset.zone)
    }

    /// Seconds since the run started.
    var elapsed: Double { Lake.seconds(ContinuousClock.now - start) }

    /// Makes a batch's new objects durable, then commits its catalog rows, flags and audit event.
    ///
    /// `extra` runs inside the same write transaction (a remote source advances its cursor there, so the
    /// cursor never gets ahead of the rows). Returns the files that were stored.
    @discardableResult
    mutating func commit(
        _ outcomes: [FileIngestor.Outcome], extra: ((Database) throws -> Void)? = nil
    ) throws -> [IngestedFile] {
        var stored: [IngestedFile] = []
        var staged: [StagedObject] = []
        var seenInBatch: Set<ObjectDigest> = []
        for outcome in outcomes {
            switch outcome {
            case .stored(let file):
                if let object = file.staged { staged.append(object) }
                if file.streamedNewObject {
                    report.objectsWritten += 1
                    report.bytesWritten += file.size
                }
                if seenInBatch.insert(file.digest).inserted {
                    stored.append(file)
                } else {
                    report.filesAlreadyPresent += 1
                }
            case .alreadyInDataset:
                report.filesAlreadyPresent += 1
            case .rejected(let path, let reason):
                report.errors.append(IngestReport.Problem(path: path, reason: reason))
            }
        }
        // An object the catalog already places in some tier (perhaps moved out of the ingest tier by a
        // migration) is linked, never written again.
        let placed: Set<ObjectDigest>
        do {
            placed = try lake.catalog.reader.read { db in try Self.placedDigests(staged.map(\.digest), db) }
        } catch {
            tier.discard(staged)
            throw error
        }
        tier.discard(staged.filter { placed.contains($0.digest) })
        staged.removeAll { placed.contains($0.digest) }
        // Objects must be complete and durable under their names before catalog rows name them.
        let written: Set<ObjectDigest>
        do {
            written = try tier.publish(staged)
        } catch {
            tier.discard(staged)
            throw error
        }
        report.objectsAlreadyStored += stored.filter { !$0.streamedNewObject && !written.contains($0.digest) }.count
        // Identical files in one batch are staged twice but written once.
        let sizes = Dictionary(staged.map { ($0.digest, $0.size) }, uniquingKeysWith: { first, _ in first })
        for digest in written {
            report.objectsWritten += 1
            report.bytesWritten += sizes[digest] ?? 0
        }
        guard !stored.isEmpty || extra != nil else { return stored }
        if !stored.isEmpty { batchNumber += 1 }
        let writer = IngestBatchWriter(datasetId: datasetId, tier: tier.name, now: Date(), flagRaiser: raiser)
        let batch = batchNumber
        let name = dataset.name
        let outcome = try lake.catalog.pool.write { [lake, role, stored] db in
            let outcome = try writer.write(stored, db)
            if outcome.filesAdded > 0 {
                try lake.appendAudit(
                    db, role: role, action: "ingest", target: name,
                    details: [
                        "batch": String(batch), "files": String(outcome.filesAdded),
                        "bytes": String(stored.reduce(Int64(0)) { $0 + $1.size }),
                        "formats": outcome.byFormat.keys.sorted().joined(separator: ","),
                    ])
            }
            try extra?(db)
            return outcome
        }
        report.filesAdded += outcome.filesAdded
        report.filesAlreadyPresent += outcome.filesAlreadyPresent
        report.byFormat.merge(outcome.byFormat, uniquingKeysWith: +)
        report.byModality.merge(outcome.byModality, uniquingKeysWith: +)
        report.flagsRaised.merge(outcome.flagsRaised, uniquingKeysWith: +)
        known.formUnion(stored.map(\.digest.hex))
        return stored
    }

    /// The digests among `digests` that have an object row, i.e. a placement in some tier.
    static func placedDigests(_ digests: [ObjectDigest], _ db: Database) throws -> Set<ObjectDigest> {
        var placed: Set<ObjectDigest> = []
        for chunk in stride(from: 0, to: digests.count, by: 500).map({ digests[$0..<min($0 + 500, digests.count)] }) {
            let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
            let found = try String.fetchAll(
                db, sql: "SELECT sha256 FROM object WHERE sha256 IN (\(marks))",
                arguments: StatementArguments(chunk.map(\.hex)))
            placed.formUnion(found.compactMap(ObjectDigest.init(hex:)))
        }
        return placed
    }

    /// Runs the series and sample rules over the whole dataset, refreshes its summary and returns the report.
    mutating func finish() throws -> IngestReport {
        let raised = try lake.catalog.pool.write { [lake, datasetId, dataset, role] db in
            let raised = try lake.runQualityRules(datasetId: datasetId, zone: dataset.zone, role: role, db)
            try lake.refreshSummary(datasetId: datasetId, db)
            if !raised.isEmpty {
                try lake.appendAudit(
                    db, role: role, action: "qc.rules", target: dataset.name, details: raised.mapValues(String.init))
            }
            return raised
        }
        report.flagsRaised.merge(raised, uniquingKeysWith: +)
        report.seconds = elapsed
        return report
    }
}
