import Crypto
import Foundation

/// Query-string signing ("presigned URLs"): the signature travels in the URL, so whoever holds the URL
/// may send that one request until it expires, with no credentials of their own.
///
/// Only `host` is signed, so the holder may add headers that do not change what the URL grants (a
/// `Range` for parallel ranged GETs); the method, the key and every query parameter are signed.
extension SignatureV4 {
    /// The longest lifetime SigV4 allows a presigned URL (seven days).
    public static let maximumPresignedLifetime: Int64 = 7 * 24 * 3600

    /// The query to send with `encodedPath` (sorted and encoded): `query` plus the `X-Amz-*` parameters
    /// carrying the credential's id (never its secret), the time, the lifetime and the signature.
    ///
    /// - Parameters:
    ///   - host: The `Host` header the request will carry (``S3Location``'s).
    ///   - date: When the URL starts to be valid; it expires `lifetime` seconds later.
    ///   - lifetime: Seconds, clamped to 1…``maximumPresignedLifetime``.
    public func presignedQuery(
        method: String, encodedPath: String, query: [(String, String)] = [], host: String, date: Date,
        lifetime: Int64
    ) -> String {
        let amzDate = Self.timestamp(date)
        let day = String(amzDate.prefix(8))
        let scope = "\(day)/\(region)/\(service)/aws4_request"
        var parameters = query
        parameters.append(("X-Amz-Algorithm", "AWS4-HMAC-SHA256"))
        parameters.append(("X-Amz-Credential", "\(credentials.accessKeyId)/\(scope)"))
        parameters.append(("X-Amz-Date", amzDate))
        parameters.append(("X-Amz-Expires", String(min(max(lifetime, 1), Self.maximumPresignedLifetime))))
        parameters.append(("X-Amz-SignedHeaders", "host"))
        if let token = credentials.sessionToken { parameters.append(("X-Amz-Security-Token", token)) }
        let canonical = [
            method, encodedPath, Self.canonicalQuery(parameters), "host:\(host)\n", "host", Self.unsignedPayload,
        ].joined(separator: "\n")
        let stringToSign = [
            "AWS4-HMAC-SHA256", amzDate, scope, Self.hex(SHA256.hash(data: Array(canonical.utf8))),
        ].joined(separator: "\n")
        parameters.append(("X-Amz-Signature", signature(of: stringToSign, day: day)))
        return Self.canonicalQuery(parameters)
    }
}
