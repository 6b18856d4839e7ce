import Catalog
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
    init(_ outcomes: [FileIngestor.Outcome], tier: FileSystemTier, catalog: CatalogStore) throws {
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
            placed = Set(
                try catalog.read { tx in try tx.placedObjects(sha256s: staged.map(\.digest.hex)) }
                    .compactMap(ObjectDigest.init(hex:)))
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
}
