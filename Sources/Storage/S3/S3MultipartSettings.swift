/// When and how an upload is split into parts.
///
/// Memory is bounded by `partSize × concurrency` (each part in flight is read into memory once, hashed
/// and sent). S3 needs parts of at least 5 MiB (but the last) and at most 10,000 parts; the part size
/// grows for larger files so the count stays under that limit.
public struct S3MultipartSettings: Sendable, Hashable {
    /// Files larger than this are uploaded in parts.
    public var threshold: Int64
    public var partSize: Int64
    /// Parts uploaded at once.
    public var concurrency: Int

    public init(threshold: Int64 = 64 << 20, partSize: Int64 = 16 << 20, concurrency: Int = 4) {
        self.threshold = max(threshold, 5 << 20)
        self.partSize = max(partSize, 5 << 20)
        self.concurrency = max(1, concurrency)
    }

    /// The part size for a file of `size` bytes: ``partSize``, grown to keep under 10,000 parts.
    func partSize(forFileOf size: Int64) -> Int64 {
        max(partSize, (size + 9_999) / 10_000)
    }
}
