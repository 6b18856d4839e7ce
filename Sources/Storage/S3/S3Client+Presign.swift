import Foundation

extension S3Client {
    /// A URL that GETs `key` (relative to the location's prefix) without credentials until it expires:
    /// what the lake service hands a pod so it downloads an object straight from the bucket, in ranges
    /// (`Range` is not signed) and in parallel, never holding the tier's keys.
    ///
    /// - Parameters:
    ///   - lifetime: Seconds the URL stays valid after `date` (at most seven days, SigV4's limit).
    ///   - date: When validity starts; now by default.
    public func presignedGET(key: String, lifetime: Int64, date: Date = Date()) -> String {
        let path = location.encodedPath(key: fullKey(key))
        let query = signer.presignedQuery(
            method: "GET", encodedPath: path, host: location.hostHeader, date: date, lifetime: lifetime)
        return location.origin + path + "?" + query
    }
}

extension S3Tier {
    /// A presigned GET of the object `digest` (``S3Client/presignedGET(key:lifetime:date:)``).
    public func presignedGET(_ digest: ObjectDigest, lifetime: Int64, date: Date = Date()) -> String {
        client.presignedGET(key: key(of: digest), lifetime: lifetime, date: date)
    }
}
