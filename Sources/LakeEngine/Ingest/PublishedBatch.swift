import GRDB
import Storage

/// A batch of ingest outcomes whose new objects are durable in the ingest tier, ready for its catalog rows.
///
/// Built on a thread of its own while the previous batch records, so waiting for the disk overlaps with
/// writing the catalog. Holds the counts the run's report takes from the batch.
struct PublishedBatch: Sendable {
    /// Files to record, one per distinct object in the batch.
    var stored: [IngestedFile] = []
    /// What the batch adds to the run's report before its rows are written.
    var tally = IngestReport.Tally()

    /// Sorts `outcomes`, drops staged copies of objects the catalog places in some tier, and publishes the
    /// rest (fsynced, renamed, folders fsynced) so the catalog rows may name them. When publishing fails,
    /// the staged files are removed and the error rethrown.
    init(_ outcomes: [FileIngestor.Outcome], tier: FileSystemTier, catalog: any DatabaseReader) throws {
        var staged: [StagedObject] = []
        var seenInBatch: Set<ObjectDigest> = []
        for outcome in outcomes {
            switch outcome {
            case .stored(let file):
                if let object = file.staged { staged.append(object) }
                if file.streamedNewObject {
                    tally.objectsWritten += 1
                    tally.bytesWritten += file.size
                }
                if seenInBatch.insert(file.digest).inserted {
                    stored.append(file)
                } else {
                    tally.filesAlreadyPresent += 1
                }
            case .alreadyInDataset:
                tally.filesAlreadyPresent += 1
            case .rejected(let path, let reason):
                tally.errors.append(IngestReport.Problem(path: path, reason: reason))
            }
        }
        // An object the catalog already places in some tier (perhaps moved out of the ingest tier by a
        // migration) is linked, never written again.
        let placed: Set<ObjectDigest>
        let written: Set<ObjectDigest>
        do {
            placed = try catalog.read { db in try Self.placedDigests(staged.map(\.digest), db) }
            tier.discard(staged.filter { placed.contains($0.digest) })
            staged.removeAll { placed.contains($0.digest) }
            written = try tier.publish(staged)
        } catch {
            tier.discard(staged)
            throw error
        }
        tally.objectsAlreadyStored = stored.filter { !$0.streamedNewObject && !written.contains($0.digest) }.count
        // Identical files in one batch are staged twice but written once.
        let sizes = Dictionary(staged.map { ($0.digest, $0.size) }, uniquingKeysWith: { first, _ in first })
        for digest in written {
            tally.objectsWritten += 1
            tally.bytesWritten += sizes[digest] ?? 0
        }
    }

    /// The digests among `digests` that have an object row, i.e. a placement in some tier (an object
    /// deleted by retention has none).
    static func placedDigests(_ digests: [ObjectDigest], _ db: Database) throws -> Set<ObjectDigest> {
        var placed: Set<ObjectDigest> = []
        for chunk in stride(from: 0, to: digests.count, by: 500).map({ digests[$0..<min($0 + 500, digests.count)] }) {
            let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
            let found = try String.fetchAll(
                db, sql: "SELECT sha256 FROM object WHERE sha256 IN (\(marks)) AND state != 'deleted'",
                arguments: StatementArguments(chunk.map(\.hex)))
            placed.formUnion(found.compactMap(ObjectDigest.init(hex:)))
        }
        return placed
    }

}
