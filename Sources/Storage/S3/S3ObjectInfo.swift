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

    public init(key: String, size: Int64, eTag: String? = nil, storageClass: String? = nil, metadata: [String: String] = [:]) {
        self.key = key
        self.size = size
        self.eTag = eTag
        self.storageClass = storageClass
        self.metadata = metadata
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
