import NIOHTTP1

extension S3Client {
    /// One page of ListObjectsV2 under `prefix` (relative to the location's prefix).
    ///
    /// - Throws: ``S3Error`` `.noSuchBucket` when the bucket does not exist.
    public func listObjects(
        prefix: String = "", delimiter: String? = nil, continuationToken: String? = nil, maxKeys: Int = 1000
    ) async throws -> S3ListPage {
        var request = Request(operation: "ListObjectsV2", method: .GET, key: nil)
        request.query = [("list-type", "2"), ("prefix", fullKey(prefix)), ("max-keys", String(maxKeys))]
        if let delimiter { request.query.append(("delimiter", delimiter)) }
        if let continuationToken { request.query.append(("continuation-token", continuationToken)) }
        let (_, body) = try await sendCollecting(request)
        guard let root = S3XMLNode.parse(body), root.name == "ListBucketResult" else {
            throw S3Error(.invalidResponse, operation: "ListObjectsV2", bucket: location.bucket, message: "not a listing")
        }
        let strip = location.prefix
        func relative(_ key: String) -> String { key.hasPrefix(strip) ? String(key.dropFirst(strip.count)) : key }
        let objects = root.children("Contents").compactMap { entry -> S3ObjectInfo? in
            guard let key = entry.value("Key") else { return nil }
            return S3ObjectInfo(
                key: relative(key), size: entry.value("Size").flatMap { Int64($0) } ?? 0, eTag: entry.value("ETag"),
                storageClass: entry.value("StorageClass"))
        }
        let prefixes = root.children("CommonPrefixes").compactMap { $0.value("Prefix") }.map(relative)
        let truncated = root.value("IsTruncated") == "true"
        let token = root.value("NextContinuationToken").flatMap { $0.isEmpty ? nil : $0 }
        if truncated, token == nil {
            throw S3Error(
                .invalidResponse, operation: "ListObjectsV2", bucket: location.bucket,
                message: "a truncated listing without a continuation token")
        }
        return S3ListPage(objects: objects, commonPrefixes: prefixes, continuationToken: truncated ? token : nil)
    }

    /// Every object under `prefix`, following continuation tokens page by page.
    public func listAllObjects(prefix: String = "", pageSize: Int = 1000) async throws -> [S3ObjectInfo] {
        var all: [S3ObjectInfo] = []
        var token: String?
        repeat {
            let page = try await listObjects(prefix: prefix, continuationToken: token, maxKeys: pageSize)
            all += page.objects
            token = page.continuationToken
        } while token != nil
        return all
    }
}
