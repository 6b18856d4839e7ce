import Foundation

/// The S3 tier as a migration source and destination: the same contract as ``FileSystemTier``.
extension S3Tier: TierBackend {
    public func size(of digest: ObjectDigest) async throws -> Int64? {
        try await client.headObject(key: key(of: digest))?.size
    }

    public func openForReading(_ digest: ObjectDigest, range: Range<Int64>?) async throws -> any ObjectReading {
        try await S3ObjectReader.open(client: client, key: key(of: digest), range: range)
    }

    /// Reads `source` into parts of the multipart part size. A source that ends within the first part is
    /// stored with one PUT signed with the part's SHA-256; a longer one as a multipart upload with up to
    /// `concurrency` parts in flight (memory: part size × (concurrency + 1)). The upload is completed
    /// only after `source` reported its end without an error (a ``VerifyingReader`` throws there when the
    /// hash differs); on any error it is aborted, so nothing appears under the digest.
    public func put(_ digest: ObjectDigest, from source: any ObjectReading) async throws {
        let key = key(of: digest)
        let partSize = Int(multipart.partSize)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: partSize, alignment: 16)
        defer { buffer.deallocate() }
        var part = try await Self.fill(buffer, from: source)
        if part.count < partSize {
            try await client.putObject(key: key, bytes: part)
            return
        }
        let uploadId = try await client.createMultipartUpload(key: key)
        do {
            var eTags: [Int: String] = [:]
            try await withThrowingTaskGroup(of: (Int, String).self) { group in
                var number = 0
                var inFlight = 0
                while !part.isEmpty {
                    if inFlight == multipart.concurrency, let (done, tag) = try await group.next() {
                        eTags[done] = tag
                        inFlight -= 1
                    }
                    number += 1
                    let bytes = part
                    let partNumber = number
                    group.addTask {
                        (partNumber, try await client.uploadPart(key: key, uploadId: uploadId, number: partNumber, bytes: bytes))
                    }
                    inFlight += 1
                    part = try await Self.fill(buffer, from: source)
                }
                while let (done, tag) = try await group.next() { eTags[done] = tag }
            }
            try await client.completeMultipartUpload(
                key: key, uploadId: uploadId, eTags: (1...eTags.count).map { eTags[$0] ?? "" })
        } catch {
            try? await client.abortMultipartUpload(key: key, uploadId: uploadId)
            throw error
        }
    }

    public func list() -> AsyncThrowingStream<ObjectDigest, any Error> {
        let client = client
        return AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    var token: String?
                    repeat {
                        let page = try await client.listObjects(prefix: "objects/", continuationToken: token)
                        for object in page.objects {
                            let name = object.key.dropFirst("objects/".count).replacingOccurrences(of: "/", with: "")
                            if let digest = ObjectDigest(hex: name) { continuation.yield(digest) }
                        }
                        token = page.continuationToken
                    } while token != nil
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    /// Reads from `source` until `buffer` is full or the source ends; returns the bytes read.
    private static func fill(_ buffer: UnsafeMutableRawBufferPointer, from source: any ObjectReading) async throws -> [UInt8] {
        var filled = 0
        while filled < buffer.count {
            let read = try await source.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[filled...]))
            if read == 0 { break }
            filled += read
        }
        return Array(UnsafeRawBufferPointer(rebasing: buffer[0..<filled]))
    }
}

extension S3ObjectReader: ObjectReading {}
