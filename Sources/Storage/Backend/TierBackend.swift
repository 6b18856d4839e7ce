/// Where a tier keeps its objects: a folder or an S3 bucket.
///
/// The protocol is the whole contract a backend fulfils for migrations and reads. Objects are named by
/// their SHA-256 and immutable; ``put(_:from:)`` reads its source to the end and makes the object durable
/// under its digest only after the source reports the end without an error, so a source that verifies
/// what it streams (``VerifyingReader``) decides whether anything is stored. A backend never holds a whole
/// object in memory.
///
/// Writers of many objects (the migration worker) split a put in two: ``stage(_:from:owner:)`` copies
/// each object without waiting for the disk, and ``publish(_:)`` makes a whole batch durable under its
/// digests at once, so the cost of flushing is paid once per batch instead of once per object.
///
/// Implementations must be safe to call from several tasks and processes at once: two puts of the same
/// digest both succeed, and readers never see a partial object under its final name.
///
/// ## Topics
/// - Reading: ``size(of:)``, ``openForReading(_:range:)``, ``list()``
/// - Writing one object: ``put(_:from:)``, ``delete(_:)``
/// - Writing in batches: ``stagesInPlace``, ``stage(_:from:owner:)``, ``stageShared(_:from:owner:verify:)``, ``publish(_:)``, ``discard(_:)``, ``discardStaged(owner:)``
public protocol TierBackend: Sendable {
    /// The tier's name in `lake.toml`.
    var name: String { get }

    /// The object's size in bytes, or nil when the tier does not hold it.
    func size(of digest: ObjectDigest) async throws -> Int64?

    /// Opens the object for streaming reads, from `range.lowerBound` up to `range.upperBound` (the whole
    /// object when nil).
    func openForReading(_ digest: ObjectDigest, range: Range<Int64>?) async throws -> any ObjectReading

    /// Stores the bytes `source` yields under `digest`, durably (for files: fsync of the file and its
    /// folder). Nothing is stored when `source` throws; the error is rethrown.
    func put(_ digest: ObjectDigest, from source: any ObjectReading) async throws

    /// Removes the object; removing an absent object is not an error.
    func delete(_ digest: ObjectDigest) async throws

    /// Every object the tier holds, in no particular order.
    func list() -> AsyncThrowingStream<ObjectDigest, any Error>

    /// True when ``stage(_:from:owner:)`` stores the object under its digest at once (so a staged copy is
    /// visible, and a writer killed after staging leaves an object rather than a temporary file). Callers
    /// then record that a copy may exist before staging it, to find it again.
    var stagesInPlace: Bool { get }

    /// Copies the bytes `source` yields towards `digest` without making them durable or, where the
    /// backend can, visible under the digest yet; ``publish(_:)`` finishes the job.
    ///
    /// `owner` names the writer (a migration job) so that copies it staged and never published can be
    /// found again after it was killed (``discardStaged(owner:)``). Nothing is staged when `source`
    /// throws; the error is rethrown.
    func stage(_ digest: ObjectDigest, from source: any ObjectReading, owner: String) async throws -> StagedCopy

    /// Stages `digest` by sharing the bytes `source` already holds instead of copying them (a hard link
    /// when both tiers are folders on one file system, as `mv` does), then has `verify` read the staged
    /// file back in full (``ParallelVerifier/verify(_:)``, which throws on a wrong size or SHA-256), so a
    /// shared copy is verified exactly like a copied one.
    ///
    /// Returns nil when the tiers cannot share bytes (another file system, another kind of backend); the
    /// caller then copies with ``stage(_:from:owner:)``. When verification throws, the staged name is
    /// removed (only that name: the source's bytes are never written to) and the error rethrown.
    func stageShared(
        _ digest: ObjectDigest, from source: any TierBackend, owner: String,
        verify: (_ path: String) async throws -> Void
    ) async throws -> StagedCopy?

    /// Makes staged copies durable under their digests, all together (files: the fsyncs of the batch in
    /// flight at once, then the renames, then one fsync per folder touched). After it returns every
    /// object of the batch is complete under its digest and survives a crash. A copy already present
    /// under its digest is replaced by the staged one, which was just verified.
    func publish(_ copies: [StagedCopy]) async throws

    /// Removes staged copies that will not be published. Never removes an object under its digest:
    /// when ``stage(_:from:owner:)`` stored in place (``StagedCopy/location`` nil), the caller deletes it
    /// with ``delete(_:)`` if it must go.
    func discard(_ copies: [StagedCopy]) async

    /// Removes every staged, unpublished copy of `owner` (left by a writer that was killed) and returns
    /// how many it removed.
    func discardStaged(owner: String) async throws -> Int
}

// MARK: - Defaults for backends that write in place

/// A backend without a cheap rename (an S3 bucket) stages by storing the object durably under its digest
/// at once: publishing has nothing left to do, and there is nothing staged to discard. A caller that must
/// take such a copy back (a cancelled migration) deletes it with ``TierBackend/delete(_:)``.
extension TierBackend {
    public var stagesInPlace: Bool { true }

    public func stage(_ digest: ObjectDigest, from source: any ObjectReading, owner: String) async throws -> StagedCopy {
        try await put(digest, from: source)
        return StagedCopy(digest: digest, location: nil)
    }

    public func publish(_ copies: [StagedCopy]) async throws {}

    /// A bucket shares no bytes with another tier: every move copies.
    public func stageShared(
        _ digest: ObjectDigest, from source: any TierBackend, owner: String,
        verify: (_ path: String) async throws -> Void
    ) async throws -> StagedCopy? {
        nil
    }

    public func discard(_ copies: [StagedCopy]) async {}

    public func discardStaged(owner: String) async throws -> Int { 0 }
}

extension TierBackend {
    /// True when the tier holds the object.
    public func exists(_ digest: ObjectDigest) async throws -> Bool {
        try await size(of: digest) != nil
    }
}

/// A stream of an object's bytes.
///
/// - warning: Not thread-safe; one reader per task.
public protocol ObjectReading: AnyObject {
    /// Fills the start of `buffer` and returns how many bytes it wrote; 0 at the end of the stream.
    func read(into buffer: UnsafeMutableRawBufferPointer) async throws -> Int
}
