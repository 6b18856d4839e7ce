import Crypto
import Foundation

/// AWS Signature Version 4 for S3 requests (header-based authentication).
///
/// Signs the canonical request: method, URI-encoded path, sorted query, the lowercased headers and the
/// payload's SHA-256 (or `UNSIGNED-PAYLOAD`). Keys are encoded byte by byte from UTF-8 with only the
/// unreserved characters `A–Z a–z 0–9 - . _ ~` left as they are, so spaces, `+` and non-ASCII names sign
/// the same way the server decodes them. The signing key is derived per request from the secret, the
/// date, the region and the service.
///
/// A value holds credentials: it never prints them (see ``S3Credentials``).
public struct SignatureV4: Sendable {
    public let credentials: S3Credentials
    public let region: String
    public let service: String

    /// The payload hash S3 accepts for bodies that are not hashed before sending.
    public static let unsignedPayload = "UNSIGNED-PAYLOAD"
    /// SHA-256 of no bytes, for requests without a body.
    public static let emptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

    public init(credentials: S3Credentials, region: String, service: String = "s3") {
        self.credentials = credentials
        self.region = region
        self.service = service
    }

    /// The headers to add to a request so it is signed: `x-amz-date`, `x-amz-content-sha256`,
    /// `x-amz-security-token` (with a session token) and `authorization`.
    ///
    /// - Parameters:
    ///   - encodedPath: The path as sent, already encoded with ``encodePath(_:)``.
    ///   - query: Decoded query parameters; they are encoded and sorted here.
    ///   - headers: Other headers to sign (`host` is required; names in any case).
    ///   - payloadHash: Lowercase hex SHA-256 of the body, or ``unsignedPayload``.
    public func sign(
        method: String, encodedPath: String, query: [(String, String)], headers: [(String, String)],
        payloadHash: String, date: Date
    ) -> [(String, String)] {
        let amzDate = Self.timestamp(date)
        let day = String(amzDate.prefix(8))
        var signed = headers.map { ($0.0.lowercased(), Self.trimmedHeaderValue($0.1)) }
        signed.append(("x-amz-date", amzDate))
        signed.append(("x-amz-content-sha256", payloadHash))
        if let token = credentials.sessionToken { signed.append(("x-amz-security-token", token)) }
        signed.sort { $0.0 < $1.0 }
        let signedHeaderNames = signed.map(\.0).joined(separator: ";")
        let canonical = [
            method,
            encodedPath,
            Self.canonicalQuery(query),
            signed.map { "\($0.0):\($0.1)\n" }.joined(),
            signedHeaderNames,
            payloadHash,
        ].joined(separator: "\n")
        let scope = "\(day)/\(region)/\(service)/aws4_request"
        let stringToSign = [
            "AWS4-HMAC-SHA256", amzDate, scope, Self.hex(SHA256.hash(data: Array(canonical.utf8))),
        ].joined(separator: "\n")
        let signature = signature(of: stringToSign, day: day)
        var result = signed.filter { ["x-amz-date", "x-amz-content-sha256", "x-amz-security-token"].contains($0.0) }
        result.append((
            "authorization",
            "AWS4-HMAC-SHA256 Credential=\(credentials.accessKeyId)/\(scope), "
                + "SignedHeaders=\(signedHeaderNames), Signature=\(signature)"
        ))
        return result
    }

    /// The hex HMAC of `stringToSign` under the key derived from the secret for `day`, the region and
    /// the service.
    func signature(of stringToSign: String, day: String) -> String {
        var key = SymmetricKey(data: Array(("AWS4" + credentials.secretAccessKey).utf8))
        for part in [day, region, service, "aws4_request"] {
            key = SymmetricKey(data: Data(HMAC<SHA256>.authenticationCode(for: Array(part.utf8), using: key)))
        }
        return Self.hex(HMAC<SHA256>.authenticationCode(for: Array(stringToSign.utf8), using: key))
    }

    // MARK: - Encoding

    /// Percent-encodes a path: every byte but the unreserved characters and `/` (S3 object keys are
    /// encoded once, not twice as other services require).
    public static func encodePath(_ path: String) -> String {
        encode(path, keepingSlash: true)
    }

    /// Percent-encodes a query name or value: every byte but the unreserved characters.
    public static func encodeQueryComponent(_ text: String) -> String {
        encode(text, keepingSlash: false)
    }

    /// The query as signed and as sent: encoded names and values, sorted by name then value.
    public static func canonicalQuery(_ query: [(String, String)]) -> String {
        let encoded: [(name: String, value: String)] = query.map { pair in
            (encodeQueryComponent(pair.0), encodeQueryComponent(pair.1))
        }
        let sorted = encoded.sorted { left, right in
            left.name == right.name ? left.value < right.value : left.name < right.name
        }
        return sorted.map { pair in pair.name + "=" + pair.value }.joined(separator: "&")
    }

    private static func encode(_ text: String, keepingSlash: Bool) -> String {
        let digits = Array("0123456789ABCDEF".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            if isUnreserved(byte) || (keepingSlash && byte == 0x2F) {
                bytes.append(byte)
            } else {
                bytes.append(0x25)
                bytes.append(digits[Int(byte >> 4)])
                bytes.append(digits[Int(byte & 0x0F)])
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `A–Z a–z 0–9 - . _ ~` (RFC 3986 unreserved characters).
    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x41...0x5A, 0x61...0x7A, 0x30...0x39, 0x2D, 0x2E, 0x5F, 0x7E: true
        default: false
        }
    }

    /// Header values are signed trimmed, with runs of spaces collapsed to one.
    private static func trimmedHeaderValue(_ value: String) -> String {
        value.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
    }

    /// `yyyyMMdd'T'HHmmss'Z'` in UTC.
    static func timestamp(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func two(_ value: Int?) -> String {
            let number = value ?? 0
            return number < 10 ? "0\(number)" : "\(number)"
        }
        return "\(parts.year ?? 1970)\(two(parts.month))\(two(parts.day))T\(two(parts.hour))\(two(parts.minute))\(two(parts.second))Z"
    }

    static func hex<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
