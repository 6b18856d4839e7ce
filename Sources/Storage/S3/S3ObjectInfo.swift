import Foundation

/// What HEAD or a listing says about an object.
public struct S3ObjectInfo: Sendable, Hashable {
    /// The key relative to the location's prefix.
    public var key: String
    public var size: Int64
    public var eTag: String?
    public var storageClass: String?
    /// `x-amz-meta-*` headers, names without the prefix (HEAD only).
    public var metadata: [String: String]
    /// The `x-amz-checksum-sha256` stored with an object uploaded in one PUT with that header (base64;
    /// HEAD only, nil for multipart objects and servers that keep no checksums).
    public var checksumSHA256: String?

    public init(
        key: String, size: Int64, eTag: String? = nil, storageClass: String? = nil, metadata: [String: String] = [:],
        checksumSHA256: String? = nil
    ) {
        self.key = key
        self.size = size
        self.eTag = eTag
        self.storageClass = storageClass
        self.metadata = metadata
        self.checksumSHA256 = checksumSHA256
    }
}

/// One page of ListObjectsV2.
public struct S3ListPage: Sendable, Hashable {
    public var objects: [S3ObjectInfo]
    /// Common prefixes under a delimiter, relative to the location's prefix.
    public var commonPrefixes: [String]
    /// Pass to the next request; nil on the last page.
    public var continuationToken: String?
}
