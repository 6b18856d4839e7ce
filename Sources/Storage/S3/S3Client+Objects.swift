import AsyncHTTPClient
import Crypto
import Foundation
import NIOCore
import NIOHTTP1

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension S3Client {
    // MARK: - PUT

    /// Stores `bytes` under `key`, signed with their SHA-256.
    public func putObject(key: String, bytes: [UInt8], metadata: [String: String] = [:]) async throws {
        let digest = ObjectDigest(bytes: SHA256.hash(data: bytes))
        _ = try await putObject(key: key, body: ByteBuffer(bytes: bytes), sha256: digest, metadata: metadata)
    }

    /// Stores `body`, whose SHA-256 is `sha256`, under `key` in one PUT; returns the ETag.
    ///
    /// The hash goes twice: signed as `x-amz-content-sha256` (hex), which AWS checks, and as
    /// `x-amz-checksum-sha256` (base64), which AWS and SeaweedFS check on receipt and store with the
    /// object: bytes that do not hash to `sha256` are refused (400 `BadDigest`) and nothing is stored.
    public func putObject(
        key: String, body: ByteBuffer, sha256: ObjectDigest, metadata: [String: String] = [:]
    ) async throws -> String? {
        var request = Request(operation: "PutObject", method: .PUT, key: key)
        request.headers = putHeaders(metadata: metadata) + [
            ("content-length", String(body.readableBytes)), ("x-amz-checksum-sha256", sha256.checksumBase64),
        ]
        request.payloadHash = sha256.hex
        request.body = { .bytes(body) }
        return try await send(request) { response in response.headers.first(name: "etag") }
    }

    /// Streams the file at `path` to `key` in 1 MiB chunks, never holding it in memory.
    ///
    /// - Parameter payloadHash: The file's SHA-256 in hex when known (a content-addressed tier knows it:
    ///   it is the object's name), sent signed and as `x-amz-checksum-sha256`, so the server verifies the
    ///   bytes; nil sends `UNSIGNED-PAYLOAD`.
    public func putObject(
        key: String, fileAt path: String, payloadHash: String?, metadata: [String: String] = [:]
    ) async throws {
        let size = try Self.fileSize(path)
        var request = Request(operation: "PutObject", method: .PUT, key: key)
        request.headers = putHeaders(metadata: metadata) + [("content-length", String(size))]
        if let digest = payloadHash.flatMap(ObjectDigest.init(hex:)) {
            request.headers.append(("x-amz-checksum-sha256", digest.checksumBase64))
        }
        request.payloadHash = payloadHash ?? SignatureV4.unsignedPayload
        request.body = { .stream(FileRegionSequence(path: path, offset: 0, length: size), length: .known(size)) }
        try await send(request) { _ in () }
    }

    /// Headers shared by PUT and multipart initiation: storage class and user metadata.
    func putHeaders(metadata: [String: String]) -> [(String, String)] {
        var headers: [(String, String)] = []
        if let storageClass = location.storageClass { headers.append(("x-amz-storage-class", storageClass)) }
        for (name, value) in metadata.sorted(by: { $0.key < $1.key }) {
            headers.append(("x-amz-meta-" + name.lowercased(), value))
        }
        return headers
    }

    // MARK: - GET

    /// Reads the object (or `range`, inclusive byte offsets) into memory. For small objects and probes;
    /// use ``download(key:to:)`` for objects of any size.
    public func getObject(key: String, range: ClosedRange<Int64>? = nil, limit: Int = 64 << 20) async throws -> [UInt8] {
        var request = Request(operation: "GetObject", method: .GET, key: key)
        if let range {
            request.headers.append(("range", "bytes=\(range.lowerBound)-\(range.upperBound)"))
        } else {
            request.headers.append(("x-amz-checksum-mode", "ENABLED"))
        }
        let fullKey = fullKey(key)
        return try await send(request) { response in
            var body = response.body.makeAsyncIterator()
            var bytes: [UInt8] = []
            while let chunk = try await Self.nextChunk(of: &body, operation: "GetObject", key: fullKey) {
                guard bytes.count + chunk.readableBytes <= limit else {
                    throw S3Error(
                        .invalidResponse, operation: "GetObject", key: fullKey, message: "the object is larger than \(limit) bytes")
                }
                bytes += chunk.readableBytesView
            }
            if let range, Int64(bytes.count) != range.upperBound - range.lowerBound + 1 {
                throw IncompleteBody(error: S3Error(
                    .invalidResponse, operation: "GetObject", key: fullKey,
                    message: "\(bytes.count) bytes for a range of \(range.upperBound - range.lowerBound + 1)"))
            }
            try GetAnswerCheck(headers: response.headers, wholeObject: range == nil).verify(
                length: Int64(bytes.count), digest: ContentHasher.digest(of: bytes), operation: "GetObject", key: fullKey)
            return bytes
        }
    }

    /// Streams the object into a new file at `path` (created with mode 0640, fsynced) while hashing it.
    /// The writes and the flush run on ``IOThreads``, never on a cooperative thread.
    ///
    /// Returns the SHA-256 and size of the bytes written. The file is removed again when the transfer fails;
    /// a body shorter than announced, or not hashing to the object's stored SHA-256, is asked for again.
    public func download(key: String, to path: String) async throws -> (digest: ObjectDigest, size: Int64) {
        var request = Request(operation: "GetObject", method: .GET, key: key)
        request.headers = [("x-amz-checksum-mode", "ENABLED")]
        let fullKey = fullKey(key)
        return try await send(request) { response in
            let check = GetAnswerCheck(headers: response.headers, wholeObject: true)
            let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o640)
            guard descriptor >= 0 else { throw StorageError(operation: "create", path: path, errno: errno) }
            var hasher = ContentHasher()
            var size: Int64 = 0
            do {
                var body = response.body.makeAsyncIterator()
                while let buffer = try await Self.nextChunk(of: &body, operation: "GetObject", key: fullKey) {
                    buffer.withUnsafeReadableBytes { hasher.update($0) }
                    try await IOThreads.perform {
                        try buffer.withUnsafeReadableBytes { try writeAll($0, to: descriptor, path: path) }
                    }
                    size += Int64(buffer.readableBytes)
                }
                try check.verify(length: size, digest: hasher.finalize(), operation: "GetObject", key: fullKey)
                try await IOThreads.perform {
                    guard fsync(descriptor) == 0 else { throw StorageError(operation: "fsync", path: path, errno: errno) }
                }
                close(descriptor)
            } catch {
                close(descriptor)
                unlink(path)
                throw error
            }
            return (hasher.finalize(), size)
        }
    }

    // MARK: - HEAD, DELETE

    /// The object's size, ETag, storage class, metadata and stored SHA-256 checksum (asked for with
    /// `x-amz-checksum-mode: ENABLED`); nil when there is no such object.
    ///
    /// - Throws: ``S3Error`` for other failures (a HEAD answer has no body, so a missing bucket also
    ///   reads as a missing object here; ``listObjects(prefix:delimiter:continuationToken:maxKeys:)`` tells them apart).
    public func headObject(key: String) async throws -> S3ObjectInfo? {
        var request = Request(operation: "HeadObject", method: .HEAD, key: key)
        request.headers = [("x-amz-checksum-mode", "ENABLED")]
        do {
            return try await send(request) { response in
                let headers = response.headers
                var metadata: [String: String] = [:]
                for (name, value) in headers where name.lowercased().hasPrefix("x-amz-meta-") {
                    metadata[String(name.lowercased().dropFirst("x-amz-meta-".count))] = value
                }
                return S3ObjectInfo(
                    key: key, size: headers.first(name: "content-length").flatMap { Int64($0) } ?? 0,
                    eTag: headers.first(name: "etag"), storageClass: headers.first(name: "x-amz-storage-class"),
                    metadata: metadata, checksumSHA256: headers.first(name: "x-amz-checksum-sha256"))
            }
        } catch let error as S3Error where error.kind == .noSuchKey {
            return nil
        }
    }

    /// Deletes the object. Deleting a key that does not exist succeeds (S3 semantics).
    public func deleteObject(key: String) async throws {
        try await send(Request(operation: "DeleteObject", method: .DELETE, key: key)) { _ in () }
    }

    // MARK: - Helpers

    static func fileSize(_ path: String) throws -> Int64 {
        var info = stat()
        guard stat(path, &info) == 0 else { throw StorageError(operation: "stat", path: path, errno: errno) }
        return Int64(info.st_size)
    }
}

extension S3Client {
    /// Streams the object through SHA-256 without storing it: the end-to-end check that what the bucket
    /// holds is what was sent.
    public func hashObject(key: String) async throws -> (digest: ObjectDigest, size: Int64) {
        try await send(Request(operation: "GetObject", method: .GET, key: key)) { response in
            var hasher = ContentHasher()
            var size: Int64 = 0
            for try await buffer in response.body {
                buffer.withUnsafeReadableBytes { hasher.update($0) }
                size += Int64(buffer.readableBytes)
            }
            return (hasher.finalize(), size)
        }
    }
}
