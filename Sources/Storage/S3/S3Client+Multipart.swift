import AsyncHTTPClient
import Crypto
import Foundation
import NIOCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension S3Client {
    /// Uploads the file at `path` to `key`: one streamed PUT up to the settings' threshold, else a
    /// multipart upload with parts sent in parallel.
    ///
    /// On any failure of a multipart upload the upload is aborted, so no parts are left billed in the
    /// bucket, and the error is rethrown.
    public func uploadFile(
        key: String, path: String, payloadHash: String? = nil, settings: S3MultipartSettings = S3MultipartSettings(),
        metadata: [String: String] = [:]
    ) async throws {
        let size = try Self.fileSize(path)
        if size <= settings.threshold {
            try await putObject(key: key, fileAt: path, payloadHash: payloadHash, metadata: metadata)
            return
        }
        let uploadId = try await createMultipartUpload(key: key, metadata: metadata)
        do {
            let partSize = settings.partSize(forFileOf: size)
            let count = Int((size + partSize - 1) / partSize)
            var eTags = [String](repeating: "", count: count)
            try await withThrowingTaskGroup(of: (Int, String).self) { group in
                var next = 0
                func addPart() {
                    let index = next
                    next += 1
                    let offset = Int64(index) * partSize
                    let length = min(partSize, size - offset)
                    group.addTask {
                        let tag = try await self.uploadPart(
                            key: key, uploadId: uploadId, number: index + 1, path: path, offset: offset, length: length)
                        return (index, tag)
                    }
                }
                while next < min(settings.concurrency, count) { addPart() }
                while let (index, tag) = try await group.next() {
                    eTags[index] = tag
                    if next < count { addPart() }
                }
            }
            try await completeMultipartUpload(key: key, uploadId: uploadId, eTags: eTags)
        } catch {
            try? await abortMultipartUpload(key: key, uploadId: uploadId)
            throw error
        }
    }

    // MARK: - Steps

    /// Starts a multipart upload and returns its id.
    public func createMultipartUpload(key: String, metadata: [String: String] = [:]) async throws -> String {
        var request = Request(operation: "CreateMultipartUpload", method: .POST, key: key)
        request.query = [("uploads", "")]
        request.headers = putHeaders(metadata: metadata)
        let (_, body) = try await sendCollecting(request)
        guard let uploadId = S3XMLNode.parse(body)?.value("UploadId"), !uploadId.isEmpty else {
            throw S3Error(
                .invalidResponse, operation: "CreateMultipartUpload", bucket: location.bucket, key: fullKey(key),
                message: "no UploadId in the answer")
        }
        return uploadId
    }

    /// Reads one part of the file into memory (on ``IOThreads``) and uploads it; returns its ETag.
    func uploadPart(
        key: String, uploadId: String, number: Int, path: String, offset: Int64, length: Int64
    ) async throws -> String {
        let bytes = try await IOThreads.perform { try Self.read(path, offset: offset, length: Int(length)) }
        return try await uploadPart(key: key, uploadId: uploadId, number: number, bytes: bytes)
    }

    /// Uploads part `number` (from 1) of `bytes`; returns its ETag.
    public func uploadPart(key: String, uploadId: String, number: Int, bytes: [UInt8]) async throws -> String {
        try await uploadPart(key: key, uploadId: uploadId, number: number, body: ByteBuffer(bytes: bytes))
    }

    /// Uploads part `number` (from 1); returns its ETag.
    ///
    /// The part's SHA-256 is signed as `x-amz-content-sha256` and sent as `x-amz-checksum-sha256`, which
    /// the server checks on receipt (a part damaged on the way is refused with 400 `BadDigest`).
    public func uploadPart(key: String, uploadId: String, number: Int, body: ByteBuffer) async throws -> String {
        var hasher = ContentHasher()
        body.withUnsafeReadableBytes { hasher.update($0) }
        let digest = hasher.finalize()
        var request = Request(operation: "UploadPart", method: .PUT, key: key)
        request.query = [("partNumber", String(number)), ("uploadId", uploadId)]
        request.headers = [
            ("content-length", String(body.readableBytes)), ("x-amz-checksum-sha256", digest.checksumBase64),
        ]
        request.payloadHash = digest.hex
        request.body = { .bytes(body) }
        let tag = try await send(request) { response in response.headers.first(name: "etag") }
        guard let tag else {
            throw S3Error(
                .invalidResponse, operation: "UploadPart", bucket: location.bucket, key: fullKey(key),
                message: "part \(number) has no ETag")
        }
        return tag
    }

    /// Joins the uploaded parts into the object.
    public func completeMultipartUpload(key: String, uploadId: String, eTags: [String]) async throws {
        var xml = "<CompleteMultipartUpload>"
        for (index, tag) in eTags.enumerated() {
            xml += "<Part><PartNumber>\(index + 1)</PartNumber><ETag>\(Self.escapeXML(tag))</ETag></Part>"
        }
        xml += "</CompleteMultipartUpload>"
        let bytes = Array(xml.utf8)
        var request = Request(operation: "CompleteMultipartUpload", method: .POST, key: key)
        request.query = [("uploadId", uploadId)]
        request.headers = [("content-length", String(bytes.count)), ("content-type", "application/xml")]
        request.payloadHash = SignatureV4.hex(SHA256.hash(data: bytes))
        request.body = { .bytes(ByteBuffer(bytes: bytes)) }
        let (_, body) = try await sendCollecting(request)
        // S3 may answer 200 and report the failure in the body.
        if let root = S3XMLNode.parse(body), root.name == "Error" {
            throw S3Error(
                .serverError, operation: "CompleteMultipartUpload", bucket: location.bucket, key: fullKey(key),
                status: 200, code: root.value("Code"), message: String((root.value("Message") ?? "").prefix(200)))
        }
    }

    /// Abandons a multipart upload and frees its parts.
    public func abortMultipartUpload(key: String, uploadId: String) async throws {
        var request = Request(operation: "AbortMultipartUpload", method: .DELETE, key: key)
        request.query = [("uploadId", uploadId)]
        try await send(request) { _ in () }
    }

    /// Multipart uploads in progress under `prefix` (left by a killed process), as (key, upload id).
    public func listMultipartUploads(prefix: String = "") async throws -> [(key: String, uploadId: String)] {
        var request = Request(operation: "ListMultipartUploads", method: .GET, key: nil)
        request.query = [("uploads", ""), ("prefix", fullKey(prefix))]
        let (_, body) = try await sendCollecting(request)
        guard let root = S3XMLNode.parse(body) else {
            throw S3Error(.invalidResponse, operation: "ListMultipartUploads", bucket: location.bucket)
        }
        let strip = location.prefix
        return root.children("Upload").compactMap { upload in
            guard let key = upload.value("Key"), let id = upload.value("UploadId") else { return nil }
            return (key.hasPrefix(strip) ? String(key.dropFirst(strip.count)) : key, id)
        }
    }

    // MARK: - Helpers

    /// Reads exactly `length` bytes at `offset`.
    static func read(_ path: String, offset: Int64, length: Int) throws -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw StorageError(operation: "open", path: path, errno: errno) }
        defer { close(descriptor) }
        var failure: Int32 = 0
        let bytes = [UInt8](unsafeUninitializedCapacity: length) { buffer, count in
            count = 0
            while count < length {
                let got = pread(descriptor, buffer.baseAddress.map { $0 + count }, length - count, off_t(offset) + off_t(count))
                if got < 0, errno == EINTR { continue }
                if got <= 0 {
                    failure = got < 0 ? errno : 0
                    return
                }
                count += got
            }
        }
        if failure != 0 { throw StorageError(operation: "read", path: path, errno: failure) }
        guard bytes.count == length else {
            throw StorageError(operation: "read", path: path, reason: "file ended before byte \(offset + Int64(length))")
        }
        return bytes
    }

    static func escapeXML(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
