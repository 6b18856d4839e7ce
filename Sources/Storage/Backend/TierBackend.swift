/// Where a tier keeps its objects: a folder now, an S3 bucket later.
///
/// The protocol is the whole contract a backend fulfils for migrations and reads. Objects are named by
/// their SHA-256 and immutable; ``put(_:from:)`` reads its source to the end and makes the object durable
/// under its digest only after the source reports the end without an error, so a source that verifies
/// what it streams (``VerifyingReader``) decides whether anything is stored. A backend never holds a whole
/// object in memory.
///
/// Implementations must be safe to call from several tasks and processes at once: two puts of the same
/// digest both succeed, and readers never see a partial object under its final name.
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
