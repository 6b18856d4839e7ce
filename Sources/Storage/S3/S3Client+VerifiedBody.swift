import AsyncHTTPClient
import NIOCore
import NIOHTTP1

/// Checks on a GET answer's body, so a server that commits `200 OK` before it has the bytes (SeaweedFS
/// 4.4x does, seaweedfs/seaweedfs#10924) or a connection cut mid-body never passes for the object.
///
/// A full-object GET asks for the stored checksum (`x-amz-checksum-mode: ENABLED`); the body must then
/// have the announced `Content-Length` and, when the object has a stored SHA-256, hash to it. A body that
/// fails either check is a transient fault: ``S3Client/send(_:handle:)`` asks again.
struct GetAnswerCheck {
    /// The length the answer announced, if any.
    let expectedLength: Int64?
    /// The object's stored SHA-256 (base64, as S3 sends it), when the whole object was asked for.
    let expectedChecksum: String?

    init(headers: HTTPHeaders, wholeObject: Bool) {
        expectedLength = headers.first(name: "content-length").flatMap { Int64($0) }
        expectedChecksum = wholeObject ? headers.first(name: "x-amz-checksum-sha256") : nil
    }

    /// Throws ``S3Client/IncompleteBody`` unless `length` bytes hashing to `digest` are what was announced.
    func verify(length: Int64, digest: @autoclosure () -> ObjectDigest, operation: String, key: String) throws {
        if let expectedLength, expectedLength != length {
            throw S3Client.IncompleteBody(error: S3Error(
                .invalidResponse, operation: operation, key: key,
                message: "the body has \(length) bytes, the answer announced \(expectedLength)"))
        }
        if let expectedChecksum, digest().checksumBase64 != expectedChecksum {
            throw S3Client.IncompleteBody(error: S3Error(
                .digestMismatch, operation: operation, key: key,
                message: "the body does not hash to the object's stored SHA-256"))
        }
    }
}

extension S3Client {
    /// A GET body that did not match what its answer announced, or whose connection failed mid-body:
    /// another attempt may get the right bytes. The handler that throws it must have undone its effects
    /// (``download(key:to:)`` removes its file).
    struct IncompleteBody: Error {
        let error: S3Error
    }

    /// The next chunk of a GET body; a connection that fails mid-body is an ``IncompleteBody``.
    static func nextChunk(
        of body: inout HTTPClientResponse.Body.AsyncIterator, operation: String, key: String
    ) async throws -> ByteBuffer? {
        do {
            return try await body.next()
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            throw IncompleteBody(error: S3Error(
                .transport, operation: operation, key: key, message: "the body broke off: \(describeTransport(error))"))
        }
    }
}
