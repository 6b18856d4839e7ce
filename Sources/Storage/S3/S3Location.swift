/// Where a bucket is and how to address it: endpoint, bucket, region, key prefix, storage class.
///
/// Path-style addressing (`http://host:port/bucket/key`) is what S3-compatible servers on one host
/// (SeaweedFS, MinIO) need; virtual-hosted style (`http://bucket.host/key`) is AWS's default.
public struct S3Location: Sendable, Hashable {
    /// `http` or `https`.
    public var scheme: String
    public var host: String
    public var port: Int?
    public var bucket: String
    public var region: String
    /// Prepended to every key (`lake/hot/`); empty for none.
    public var prefix: String
    /// `STANDARD`, `STANDARD_IA`, `GLACIER`…; nil to let the bucket decide.
    public var storageClass: String?
    public var pathStyle: Bool

    /// Parses `endpoint` (`http://127.0.0.1:8333`, `https://s3.eu-west-1.amazonaws.com`).
    ///
    /// - Throws: ``S3LocationError`` naming the field (`endpoint`, `bucket`, `region`).
    public init(
        endpoint: String, bucket: String, region: String, prefix: String = "", storageClass: String? = nil,
        pathStyle: Bool = true
    ) throws {
        let parts = endpoint.split(separator: "://", maxSplits: 1).map(String.init)
        guard parts.count == 2, ["http", "https"].contains(parts[0].lowercased()) else {
            throw S3LocationError(field: "endpoint", message: "expected http://HOST[:PORT] or https://HOST[:PORT]")
        }
        var authority = parts[1]
        while authority.hasSuffix("/") { authority.removeLast() }
        guard !authority.isEmpty, !authority.contains("/"), !authority.contains("@") else {
            throw S3LocationError(field: "endpoint", message: "expected a host and an optional port, without a path")
        }
        var host = authority
        var port: Int?
        if let colon = authority.lastIndex(of: ":"), !authority.hasSuffix("]") {
            guard let number = Int(authority[authority.index(after: colon)...]), (1...65535).contains(number) else {
                throw S3LocationError(field: "endpoint", message: "the port must be a number from 1 to 65535")
            }
            host = String(authority[..<colon])
            port = number
        }
        guard (3...63).contains(bucket.utf8.count),
            bucket.utf8.allSatisfy({ (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x2D || $0 == 0x2E })
        else {
            throw S3LocationError(field: "bucket", message: "bucket names have 3 to 63 lowercase letters, digits, '-' or '.'")
        }
        guard !region.isEmpty else { throw S3LocationError(field: "region", message: "a region is required") }
        self.scheme = parts[0].lowercased()
        self.host = host
        self.port = port
        self.bucket = bucket
        self.region = region
        self.prefix = prefix
        self.storageClass = storageClass
        self.pathStyle = pathStyle
    }

    /// The `Host` header: the bucket is part of the host name unless path-style.
    var hostHeader: String {
        let base = port.map { "\(host):\($0)" } ?? host
        return pathStyle ? base : "\(bucket).\(base)"
    }

    /// The encoded request path for `key` (a full key, prefix included), or the bucket itself when nil.
    func encodedPath(key: String?) -> String {
        let keyPath = key.map { "/" + SignatureV4.encodePath($0) } ?? "/"
        return pathStyle ? "/" + bucket + (key == nil ? "" : keyPath) : keyPath
    }

    /// `scheme://host[:port]` as connected to.
    var origin: String { "\(scheme)://\(hostHeader)" }
}

/// An unusable S3 location setting, naming the field.
public struct S3LocationError: Error, Sendable, Hashable, CustomStringConvertible {
    public var field: String
    public var message: String
    public var description: String { "\(field): \(message)" }
}
