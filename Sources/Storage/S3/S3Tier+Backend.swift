import Foundation
import NIOCore

/// The S3 tier as a migration source and destination: the same contract as ``FileSystemTier``.
extension S3Tier: TierBackend {
    public func size(of digest: ObjectDigest) async throws -> Int64? {
        try await client.headObject(key: key(of: digest))?.size
    }

    public func openForReading(_ digest: ObjectDigest, range: Range<Int64>?) async throws -> any ObjectReading {
        try await S3ObjectReader.open(client: client, key: key(of: digest), range: range)
    }

    /// Reads `source` into parts of the multipart part size and uploads them, then checks what the bucket
    /// holds (see ``verifyUpload(_:size:partETags:)``).
    ///
    /// A source that ends within the first part is stored with one PUT carrying `digest` as its checksum,
    /// so the server itself refuses bytes that do not hash to the catalog's SHA-256; a longer one as a
    /// multipart upload with up to `concurrency` parts in flight (memory: part size × (concurrency + 1)),
    /// each part checked by the server against its own SHA-256. The upload is completed only after
    /// `source` reported its end without an error (a ``VerifyingReader`` throws there when the hash
    /// differs); on any error it is aborted, so nothing appears under the digest.
    public func put(_ digest: ObjectDigest, from source: any ObjectReading) async throws {
        let key = key(of: digest)
        let partSize = Int(multipart.partSize)
        let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: partSize, alignment: 16)
        defer { scratch.deallocate() }
        var part = try await Self.fill(scratch, from: source)
        if part.readableBytes < partSize {
            let size = Int64(part.readableBytes)
            _ = try await client.putObject(key: key, body: part, sha256: digest)
            try await verifyUpload(digest, size: size, partETags: nil)
            return
        }
        let uploadId = try await client.createMultipartUpload(key: key)
        do {
            var eTags: [Int: String] = [:]
            var size: Int64 = 0
            try await withThrowingTaskGroup(of: (Int, String).self) { group in
                var number = 0
                var inFlight = 0
                while part.readableBytes > 0 {
                    if inFlight == multipart.concurrency, let (done, tag) = try await group.next() {
                        eTags[done] = tag
                        inFlight -= 1
                    }
                    number += 1
                    size += Int64(part.readableBytes)
                    let body = part
                    let partNumber = number
                    group.addTask {
                        (partNumber, try await client.uploadPart(key: key, uploadId: uploadId, number: partNumber, body: body))
                    }
                    inFlight += 1
                    part = try await Self.fill(scratch, from: source)
                }
                while let (done, tag) = try await group.next() { eTags[done] = tag }
            }
            let tags = (1...eTags.count).map { eTags[$0] ?? "" }
            try await client.completeMultipartUpload(key: key, uploadId: uploadId, eTags: tags)
            try await verifyUpload(digest, size: size, partETags: tags)
        } catch {
            try? await client.abortMultipartUpload(key: key, uploadId: uploadId)
            throw error
        }
    }

    /// Checks with HEAD that the object now under `digest` is what was sent: `size` bytes, and either the
    /// stored SHA-256 checksum equal to `digest` (one PUT) or the ETag equal to the one computed from the
    /// parts' ETags (multipart: exactly the parts the server verified, in order). A mismatched object is
    /// deleted and ``S3Error`` `.digestMismatch` thrown.
    ///
    /// Servers that return no checksum or non-MD5 ETags are checked on size alone here; their bytes were
    /// still checked on receipt against the `x-amz-checksum-sha256` of each request.
    func verifyUpload(_ digest: ObjectDigest, size: Int64, partETags: [String]?) async throws {
        let key = key(of: digest)
        let info = try await client.headObject(key: key)
        var problem: String?
        if let info {
            if info.size != size {
                problem = "holds \(info.size) bytes, sent \(size)"
            } else if partETags == nil, let checksum = info.checksumSHA256, checksum != digest.checksumBase64 {
                problem = "stored checksum \(checksum)"
            } else if let partETags, let expected = S3MultipartETag.expected(partETags: partETags),
                let eTag = info.eTag, S3MultipartETag.unquoted(eTag) != expected
            {
                problem = "ETag \(eTag), expected \(expected)"
            }
        } else {
            problem = "the object is missing after the upload"
        }
        guard let problem else { return }
        if info != nil { try? await client.deleteObject(key: key) }
        throw S3Error(
            .digestMismatch, operation: "HeadObject", bucket: client.location.bucket, key: client.fullKey(key),
            message: problem)
    }

    public func list() -> AsyncThrowingStream<ObjectDigest, any Error> {
        let client = client
        return AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    var token: String?
                    repeat {
                        let page = try await client.listObjects(prefix: "objects/", continuationToken: token)
                        for object in page.objects {
                            let name = object.key.dropFirst("objects/".count).replacingOccurrences(of: "/", with: "")
                            if let digest = ObjectDigest(hex: name) { continuation.yield(digest) }
                        }
                        token = page.continuationToken
                    } while token != nil
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    /// Reads from `source` until `scratch` is full or the source ends, and returns the bytes read as a new
    /// buffer (one copy: `scratch` is reused while the returned part is in flight).
    private static func fill(_ scratch: UnsafeMutableRawBufferPointer, from source: any ObjectReading) async throws -> ByteBuffer {
        var filled = 0
        while filled < scratch.count {
            let read = try await source.read(into: UnsafeMutableRawBufferPointer(rebasing: scratch[filled...]))
            if read == 0 { break }
            filled += read
        }
        var buffer = ByteBufferAllocator().buffer(capacity: filled)
        buffer.writeBytes(UnsafeRawBufferPointer(rebasing: scratch[0..<filled]))
        return buffer
    }
}

extension S3ObjectReader: ObjectReading {}
