import Foundation
import Testing

@testable import Storage

/// Every S3 operation against the real SeaweedFS server on 127.0.0.1.
@Suite(.enabled(if: S3TestServer.shouldRun, S3TestServer.skipReason))
struct S3ClientTests {
    /// Keys S3 clients commonly get wrong: spaces, `+`, reserved characters, non-ASCII.
    static let oddKeys = [
        "plain.txt",
        "folder with spaces/a b.dcm",
        "plus+sign/1+1=2.txt",
        "ünïcødé/雪 π.bin",
        "reserved/semi;colon:at@!$'()*,&=.txt",
        "percent/100%25 literal%.txt",
        "tilde~dash-under_score.dot",
    ]

    @Test func putGetHeadListDeleteWithOddKeys() async throws {
        let client = try S3TestServer.client()
        for (index, key) in Self.oddKeys.enumerated() {
            let bytes = Array("object \(index) at \(key)".utf8)
            try await client.putObject(key: key, bytes: bytes, metadata: ["origin": "test-\(index)"])
            #expect(try await client.getObject(key: key) == bytes, "GET \(key)")
            let info = try await client.headObject(key: key)
            #expect(info?.size == Int64(bytes.count), "HEAD \(key)")
            #expect(info?.metadata["origin"] == "test-\(index)")
        }
        let listed = try await client.listAllObjects().map(\.key)
        #expect(listed.sorted() == Self.oddKeys.sorted())
        let underSpaces = try await client.listAllObjects(prefix: "folder with spaces/").map(\.key)
        #expect(underSpaces == ["folder with spaces/a b.dcm"])
        for key in Self.oddKeys {
            try await client.deleteObject(key: key)
            #expect(try await client.headObject(key: key) == nil, "deleted \(key)")
        }
        #expect(try await client.listAllObjects().isEmpty)
    }

    @Test func rangedGet() async throws {
        let client = try S3TestServer.client()
        let bytes = (0..<1000).map { UInt8($0 % 251) }
        try await client.putObject(key: "range.bin", bytes: bytes)
        #expect(try await client.getObject(key: "range.bin", range: 10...19) == Array(bytes[10...19]))
        #expect(try await client.getObject(key: "range.bin", range: 990...999) == Array(bytes[990...999]))
        try await client.deleteObject(key: "range.bin")
    }

    @Test func readerStreamsWholeObjectsAndRanges() async throws {
        let client = try S3TestServer.client()
        let path = try Self.temporaryFile(size: 3 << 20 + 5, seed: 8)
        defer { unlink(path) }
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        try await client.putObject(key: "reader.bin", fileAt: path, payloadHash: nil)
        for range: Range<Int64>? in [nil, 0..<1, 1_000_000..<2_500_001, Int64(bytes.count - 7)..<Int64(bytes.count)] {
            let reader = try await S3ObjectReader.open(client: client, key: "reader.bin", range: range)
            var read: [UInt8] = []
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 100_000, alignment: 16)
            defer { buffer.deallocate() }
            while true {
                let count = try await reader.read(into: buffer)
                if count == 0 { break }
                read += buffer[0..<count]
            }
            let expected = range.map { Array(bytes[Int($0.lowerBound)..<Int($0.upperBound)]) } ?? bytes
            // elementsEqual, not ==: a mismatch of megabytes must fail at once, not wait for a diff of them.
            #expect(read.count == expected.count && read.elementsEqual(expected), "range \(String(describing: range))")
        }
        try await client.deleteObject(key: "reader.bin")
    }

    @Test func listingFollowsContinuationTokensAndDelimiters() async throws {
        let client = try S3TestServer.client()
        let keys = (0..<7).map { "page/item-\($0)" } + ["other/x", "other/y"]
        for key in keys { try await client.putObject(key: key, bytes: Array(key.utf8)) }
        let first = try await client.listObjects(prefix: "page/", maxKeys: 3)
        #expect(first.objects.count == 3)
        #expect(first.continuationToken != nil)
        let all = try await client.listAllObjects(prefix: "page/", pageSize: 3)
        #expect(all.map(\.key) == (0..<7).map { "page/item-\($0)" })
        #expect(all.allSatisfy { $0.size == Int64($0.key.utf8.count) })
        let folders = try await client.listObjects(delimiter: "/")
        #expect(folders.commonPrefixes.sorted() == ["other/", "page/"])
        #expect(folders.objects.isEmpty)
        for key in keys { try await client.deleteObject(key: key) }
    }

    @Test func streamedPutOfAFile() async throws {
        let client = try S3TestServer.client()
        let path = try Self.temporaryFile(size: 3 << 20 + 17, seed: 3)
        defer { unlink(path) }
        let (digest, size) = try ContentHasher.digest(ofFileAt: path)
        try await client.putObject(key: "streamed.bin", fileAt: path, payloadHash: digest.hex)
        let back = try await client.hashObject(key: "streamed.bin")
        #expect(back.digest == digest)
        #expect(back.size == size)
        try await client.deleteObject(key: "streamed.bin")
    }

    @Test func multipartUploadInParallelParts() async throws {
        let client = try S3TestServer.client()
        let path = try Self.temporaryFile(size: 17 << 20 + 5, seed: 5)
        defer { unlink(path) }
        let (digest, size) = try ContentHasher.digest(ofFileAt: path)
        let settings = S3MultipartSettings(threshold: 5 << 20, partSize: 5 << 20, concurrency: 3)
        try await client.uploadFile(key: "multi/part.bin", path: path, settings: settings)
        let info = try await client.headObject(key: "multi/part.bin")
        #expect(info?.size == size)
        // A multipart ETag is "<md5 of part md5s>-<part count>".
        #expect(info?.eTag?.contains("-4") == true)
        let copy = path + ".back"
        let back = try await client.download(key: "multi/part.bin", to: copy)
        defer { unlink(copy) }
        #expect(back.digest == digest)
        #expect(try await client.listMultipartUploads().isEmpty)
        try await client.deleteObject(key: "multi/part.bin")
    }

    @Test func failedMultipartUploadIsAborted() async throws {
        let client = try S3TestServer.client()
        let path = try Self.temporaryFile(size: 60 << 20, seed: 6)
        defer { unlink(path) }
        let settings = S3MultipartSettings(threshold: 5 << 20, partSize: 5 << 20, concurrency: 1)
        let upload = Task { try await client.uploadFile(key: "multi/failing.bin", path: path, settings: settings) }
        // Once the upload exists its size is fixed at 60 MiB: cutting the file makes the next part fail.
        while try await client.listMultipartUploads().isEmpty {
            try await Task.sleep(for: .milliseconds(5))
        }
        truncate(path, 0)
        let error = await #expect(throws: StorageError.self) { try await upload.value }
        #expect(error?.reason.contains("file ended") == true)
        #expect(try await client.headObject(key: "multi/failing.bin") == nil)
        #expect(try await client.listMultipartUploads().isEmpty, "the failed upload was aborted")
    }

    @Test func wrongCredentialsAreTyped() async throws {
        let wrong = S3Credentials(accessKeyId: try S3TestServer.credentials().accessKeyId, secretAccessKey: "not-the-secret")
        let client = try S3TestServer.client(credentials: wrong)
        let error = await #expect(throws: S3Error.self) { try await client.putObject(key: "x", bytes: [1]) }
        #expect(error?.kind == .invalidCredentials)
        #expect(error?.status == 403)
        #expect(error.map { !$0.description.contains("not-the-secret") } == true)
        let unknown = try S3TestServer.client(
            credentials: S3Credentials(accessKeyId: "AKIDNOSUCHKEY0000000", secretAccessKey: "x"))
        let listError = await #expect(throws: S3Error.self) { try await unknown.listObjects() }
        #expect(listError?.kind == .invalidCredentials)
    }

    @Test func readOnlyIdentityMayNotWrite() async throws {
        let client = try S3TestServer.client(credentials: try S3TestServer.readerCredentials())
        _ = try await client.listObjects()
        let error = await #expect(throws: S3Error.self) { try await client.putObject(key: "x", bytes: [1]) }
        #expect(error?.kind == .accessDenied)
    }

    @Test func missingBucketIsTyped() async throws {
        let client = try S3TestServer.client(bucket: "medlake-no-such-bucket")
        let error = await #expect(throws: S3Error.self) { try await client.listObjects() }
        #expect(error?.kind == .noSuchBucket)
        #expect(error?.description.contains("medlake-no-such-bucket") == true)
    }

    @Test func unreachableEndpointIsATransportErrorAfterRetries() async throws {
        let location = try S3Location(endpoint: "http://127.0.0.1:9", bucket: "medlake-test", region: "us-east-1")
        let client = S3Client(
            location: location, credentials: try S3TestServer.credentials(),
            retry: S3RetryPolicy(maxAttempts: 3, initialDelay: .milliseconds(10), requestTimeout: .seconds(5)))
        let error = await #expect(throws: S3Error.self) { try await client.headObject(key: "x") }
        #expect(error?.kind == .transport)
    }

    // MARK: - Helpers

    /// A file of `size` pseudo-random bytes (deterministic per seed).
    static func temporaryFile(size: Int, seed: UInt64) throws -> String {
        let path = NSTemporaryDirectory() + "s3-test-" + UUID().uuidString
        var state = seed &* 0x9E37_79B9_7F4A_7C15 | 1
        var bytes = [UInt8](repeating: 0, count: size)
        for index in bytes.indices {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            bytes[index] = UInt8(truncatingIfNeeded: state)
        }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }
}
