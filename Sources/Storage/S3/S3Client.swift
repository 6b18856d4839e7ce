import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// An S3 client for one bucket, on AsyncHTTPClient, signing every request with ``SignatureV4``.
///
/// Operations: ``putObject(key:bytes:)``, ``putObject(key:fileAt:payloadHash:)`` (streamed),
/// ``uploadFile(key:path:)`` (multipart for large files), ``getObject(key:range:)``,
/// ``download(key:to:)``, ``headObject(key:)``, ``deleteObject(key:)``, ``listObjects(prefix:)``.
/// Keys given to these methods are relative to the location's prefix.
///
/// Every request is retried by its ``S3RetryPolicy`` on 5xx, 429, 400 `BadDigest` (the checksum sent did
/// not match the bytes received) and lost connections (bodies are rebuilt for each attempt); 403/404
/// answers become typed ``S3Error``s at once. GETs that read a whole body check it against the answer's
/// length and the object's stored SHA-256 and are retried when it falls short (``GetAnswerCheck``).
///
/// Thread-safety: immutable; share one client between tasks.
public final class S3Client: Sendable {
    public let location: S3Location
    let signer: SignatureV4
    let http: HTTPClient
    public let retry: S3RetryPolicy

    /// Bodies of error answers and XML results are read up to this size.
    static let maxXMLBody = 16 << 20

    /// - Parameter http: The HTTP client to use; the process-wide shared client by default (it needs no
    ///   shutdown).
    public init(
        location: S3Location, credentials: S3Credentials, retry: S3RetryPolicy = S3RetryPolicy(),
        http: HTTPClient = .shared
    ) {
        self.location = location
        self.signer = SignatureV4(credentials: credentials, region: location.region)
        self.http = http
        self.retry = retry
    }

    private init(location: S3Location, signer: SignatureV4, retry: S3RetryPolicy, http: HTTPClient) {
        self.location = location
        self.signer = signer
        self.http = http
        self.retry = retry
    }

    /// The same client sending its requests through `http`: a connection pool sized for one transfer
    /// (the shared client opens at most 8 connections to a host and queues the requests beyond).
    public func using(_ http: HTTPClient) -> S3Client {
        S3Client(location: location, signer: signer, retry: retry, http: http)
    }

    /// The full key for `key`: the location's prefix prepended.
    public func fullKey(_ key: String) -> String { location.prefix + key }

    // MARK: - Requests

    /// One S3 request: the parts that are signed, and how to build the body for each attempt.
    struct Request {
        var operation: String
        var method: HTTPMethod
        /// Relative key (prefix not yet applied), or nil for a bucket-level request.
        var key: String?
        var query: [(String, String)] = []
        var headers: [(String, String)] = []
        var payloadHash = SignatureV4.emptyPayloadHash
        var body: (@Sendable () -> HTTPClientRequest.Body)?
    }

    /// Sends `request`, retrying what another attempt can cure, and hands a 2xx answer to `handle`.
    ///
    /// Errors thrown by `handle` (while reading a body) are not retried, since `handle` may have had
    /// effects, except ``IncompleteBody``: its thrower has undone them.
    func send<Result>(
        _ request: Request, handle: (HTTPClientResponse) async throws -> Result
    ) async throws -> Result {
        let fullKey = request.key.map(fullKey)
        var attempt = 0
        while true {
            attempt += 1
            let response: HTTPClientResponse
            do {
                response = try await http.execute(
                    build(request, fullKey: fullKey), timeout: .nanoseconds(Int64(retry.requestTimeout.nanoseconds)))
            } catch {
                if attempt < retry.maxAttempts, !(error is CancellationError) {
                    try await Task.sleep(for: retry.delay(after: attempt))
                    continue
                }
                throw S3Error(
                    .transport, operation: request.operation, bucket: location.bucket, key: fullKey,
                    message: Self.describeTransport(error))
            }
            let status = Int(response.status.code)
            if (200..<300).contains(status) {
                do {
                    return try await handle(response)
                } catch let incomplete as IncompleteBody {
                    guard attempt < retry.maxAttempts else { throw incomplete.error }
                    try await Task.sleep(for: retry.delay(after: attempt))
                    continue
                }
            }
            let body = (try? await response.body.collect(upTo: 64 << 10)).map { Array(buffer: $0) } ?? []
            // BadDigest: the bytes that arrived do not match the checksum sent; damage in transit is cured by
            // sending them again.
            let retryable = status >= 500 || status == 429 || (status == 400 && S3XMLNode.parse(body)?.value("Code") == "BadDigest")
            if retryable, attempt < retry.maxAttempts {
                try await Task.sleep(for: retry.delay(after: attempt))
                continue
            }
            throw classify(status: status, body: body, operation: request.operation, key: fullKey, method: request.method)
        }
    }

    /// Sends `request` and reads the whole answer (XML results, small objects).
    func sendCollecting(_ request: Request, limit: Int = maxXMLBody) async throws -> (HTTPHeaders, [UInt8]) {
        try await send(request) { response in
            let buffer = try await response.body.collect(upTo: limit)
            return (response.headers, Array(buffer: buffer))
        }
    }

    private func build(_ request: Request, fullKey: String?) -> HTTPClientRequest {
        let path = location.encodedPath(key: fullKey)
        let query = SignatureV4.canonicalQuery(request.query)
        var http = HTTPClientRequest(url: location.origin + path + (query.isEmpty ? "" : "?" + query))
        http.method = request.method
        var headers = request.headers
        headers.append(("host", location.hostHeader))
        let signed = signer.sign(
            method: request.method.rawValue, encodedPath: path, query: request.query, headers: headers,
            payloadHash: request.payloadHash, date: Date())
        for (name, value) in headers + signed { http.headers.replaceOrAdd(name: name, value: value) }
        if let body = request.body { http.body = body() }
        return http
    }

    /// Turns an error answer into an ``S3Error``; HEAD answers have no body, so a 404 there is a missing key.
    private func classify(status: Int, body: [UInt8], operation: String, key: String?, method: HTTPMethod) -> S3Error {
        let xml = S3XMLNode.parse(body)
        let code = xml?.value("Code")
        let message = xml?.value("Message") ?? ""
        let kind: S3Error.Kind
        switch (status, code) {
        case (403, "InvalidAccessKeyId"), (403, "SignatureDoesNotMatch"), (403, "InvalidToken"): kind = .invalidCredentials
        case (403, _): kind = .accessDenied
        case (400, "BadDigest"): kind = .digestMismatch
        case (404, "NoSuchBucket"): kind = .noSuchBucket
        case (404, _): kind = .noSuchKey
        case (500..., _), (429, _): kind = .serverError
        default: kind = .httpError
        }
        return S3Error(
            kind, operation: operation, bucket: location.bucket, key: key, status: status, code: code,
            message: String(message.prefix(200)))
    }

    /// A transport error in words, without request headers.
    static func describeTransport(_ error: any Error) -> String {
        if let error = error as? HTTPClientError { return String(describing: error) }
        return String(describing: type(of: error)) + ": " + String(describing: error).prefix(200)
    }
}

extension Duration {
    var nanoseconds: Double {
        Double(components.seconds) * 1e9 + Double(components.attoseconds) / 1e9
    }
}
