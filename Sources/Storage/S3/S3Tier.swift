import AsyncHTTPClient

/// A storage tier kept in an S3 bucket: objects live at `<prefix>objects/ab/cdef…` named by SHA-256,
/// the same layout as ``FileSystemTier``.
///
/// Uploads carry the object's digest (multipart parts their own hashes) signed as `x-amz-content-sha256`,
/// which AWS checks and SeaweedFS ignores, and as `x-amz-checksum-sha256`, which both check on receipt.
/// Migrations (``put(_:from:)``) then check the result with HEAD; ``store(contentsOf:digest:)`` reads the
/// object back through SHA-256, and ``verify(_:)`` repeats that check on demand.
/// Objects are immutable: a digest already present is never uploaded again.
///
/// Thread-safety: immutable; safe to share between tasks.
public struct S3Tier: Sendable {
    /// The tier's name in `lake.toml`.
    public let name: String
    public let client: S3Client
    public let multipart: S3MultipartSettings

    public init(name: String, client: S3Client, multipart: S3MultipartSettings = S3MultipartSettings()) {
        self.name = name
        self.client = client
        self.multipart = multipart
    }

    /// The same tier sending its requests through `http` (``S3Client/using(_:)``).
    public func using(_ http: HTTPClient) -> S3Tier {
        S3Tier(name: name, client: client.using(http), multipart: multipart)
    }

    /// The object's key relative to the location's prefix.
    public func key(of digest: ObjectDigest) -> String {
        "objects/" + digest.hex.prefix(2) + "/" + digest.hex.dropFirst(2)
    }

    /// True when the bucket holds the object.
    public func contains(_ digest: ObjectDigest) async throws -> Bool {
        try await client.headObject(key: key(of: digest)) != nil
    }

    /// Uploads the file at `path`, whose SHA-256 should be `digest`, unless the object is present, then
    /// reads the stored object back through SHA-256.
    ///
    /// The read-back is a full end-to-end check on top of the server's checksum check at receipt (for a
    /// multipart upload the checksums cover the parts only). When the stored bytes do not hash to `digest`
    /// the object is deleted and ``S3Error`` `.digestMismatch` thrown.
    public func store(contentsOf path: String, digest: ObjectDigest) async throws -> StoredObject {
        let size = try S3Client.fileSize(path)
        if let present = try await client.headObject(key: key(of: digest)), present.size == size {
            return StoredObject(digest: digest, size: size, alreadyPresent: true)
        }
        let key = key(of: digest)
        try await client.uploadFile(key: key, path: path, payloadHash: digest.hex, settings: multipart)
        let stored = try await client.hashObject(key: key)
        guard stored.digest == digest, stored.size == size else {
            try? await client.deleteObject(key: key)
            throw S3Error(
                .digestMismatch, operation: "PutObject", bucket: client.location.bucket, key: client.fullKey(key),
                message: "stored \(stored.digest.hex)")
        }
        return StoredObject(digest: digest, size: size, alreadyPresent: false)
    }

    /// Re-hashes the object as stored and reports whether it still matches its name.
    public func verify(_ digest: ObjectDigest) async throws -> Bool {
        try await client.hashObject(key: key(of: digest)).digest == digest
    }

    /// Downloads the object to a new file at `path` and checks its digest; the file is removed and
    /// ``S3Error`` `.digestMismatch` thrown when the bytes do not match.
    public func retrieve(_ digest: ObjectDigest, to path: String) async throws -> Int64 {
        let (got, size) = try await client.download(key: key(of: digest), to: path)
        guard got == digest else {
            unlinkQuietly(path)
            throw S3Error(
                .digestMismatch, operation: "GetObject", bucket: client.location.bucket,
                key: client.fullKey(key(of: digest)), message: "read \(got.hex)")
        }
        return size
    }

    /// Deletes the object (succeeds when it is already gone).
    public func delete(_ digest: ObjectDigest) async throws {
        try await client.deleteObject(key: key(of: digest))
    }

    private func unlinkQuietly(_ path: String) {
        _ = path.withCString { unlink($0) }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
