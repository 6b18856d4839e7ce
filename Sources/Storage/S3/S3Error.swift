/// A failed S3 request, classified so callers can tell a wrong key from a missing bucket.
///
/// Carries the operation, bucket, key, HTTP status and S3 error code, never credentials or signatures:
/// `description` is safe to print and to log.
public struct S3Error: Error, Sendable, CustomStringConvertible {
    /// What went wrong, as far as the caller needs to decide.
    public enum Kind: Sendable, Hashable {
        /// 403 with `InvalidAccessKeyId` or `SignatureDoesNotMatch`: the credentials are wrong.
        case invalidCredentials
        /// 403 otherwise: the credentials are valid but may not do this.
        case accessDenied
        /// The bucket does not exist.
        case noSuchBucket
        /// The object does not exist.
        case noSuchKey
        /// The server failed (5xx) on every attempt.
        case serverError
        /// Another HTTP error status.
        case httpError
        /// No answer: connection refused, reset or timed out, on every attempt.
        case transport
        /// An answer that is not what S3 sends (unparsable XML, missing upload id, wrong size…).
        case invalidResponse
        /// Credentials were not found where the configuration says.
        case credentialsMissing
        /// The bytes read back, or received by the server (400 `BadDigest`), do not hash to the expected digest.
        case digestMismatch
    }

    public let kind: Kind
    /// The S3 operation (`PutObject`, `ListObjectsV2`…), empty for configuration problems.
    public var operation: String
    public var bucket: String
    public var key: String?
    /// HTTP status, 0 without an answer.
    public var status: Int
    /// S3's error code (`NoSuchBucket`, `AccessDenied`…) when the body carried one.
    public var code: String?
    public var message: String

    public init(
        _ kind: Kind, operation: String = "", bucket: String = "", key: String? = nil, status: Int = 0,
        code: String? = nil, message: String = ""
    ) {
        self.kind = kind
        self.operation = operation
        self.bucket = bucket
        self.key = key
        self.status = status
        self.code = code
        self.message = message
    }

    public var description: String {
        var text = operation.isEmpty ? "S3" : "S3 \(operation)"
        if !bucket.isEmpty { text += " s3://\(bucket)/\(key ?? "")" }
        text += " failed: "
        switch kind {
        case .invalidCredentials: text += "the access key or secret is wrong"
        case .accessDenied: text += "access denied"
        case .noSuchBucket: text += "the bucket does not exist"
        case .noSuchKey: text += "no such object"
        case .serverError: text += "the server failed"
        case .httpError: text += "unexpected answer"
        case .transport: text += "no answer from the endpoint"
        case .invalidResponse: text += "invalid answer"
        case .credentialsMissing: text += "no credentials"
        case .digestMismatch: text += "the bytes do not match their digest"
        }
        if status != 0 { text += " (HTTP \(status)\(code.map { ", " + $0 } ?? ""))" }
        if !message.isEmpty { text += ": " + message }
        return text
    }
}
