import Foundation
import Testing

@testable import Storage

/// Uploads through the migration path (``S3Tier/put(_:from:)``) against SeaweedFS: what the server checks
/// on receipt and what is checked with HEAD afterwards.
@Suite(.enabled(if: S3TestServer.shouldRun, S3TestServer.skipReason))
struct S3TierBackendTests {
    private func tier() throws -> S3Tier {
        S3Tier(
            name: "cloud", client: try S3TestServer.client(),
            multipart: S3MultipartSettings(threshold: 5 << 20, partSize: 5 << 20, concurrency: 2))
    }

    @Test func onePutStoresTheCatalogDigestAsItsChecksum() async throws {
        let tier = try tier()
        let path = try S3ClientTests.temporaryFile(size: 70_000, seed: 3)
        defer { unlink(path) }
        let (digest, _) = try ContentHasher.digest(ofFileAt: path)
        try await tier.put(digest, from: try FileObjectReader(path: path, range: nil))
        let info = try #require(try await tier.client.headObject(key: tier.key(of: digest)))
        #expect(info.size == 70_000)
        #expect(info.checksumSHA256 == digest.checksumBase64, "the server kept the SHA-256 it checked")
        #expect(try await tier.verify(digest))
        try await tier.delete(digest)
    }

    @Test func multipartObjectHasTheETagOfItsVerifiedParts() async throws {
        let tier = try tier()
        let path = try S3ClientTests.temporaryFile(size: (12 << 20) + 17, seed: 4)
        defer { unlink(path) }
        let (digest, _) = try ContentHasher.digest(ofFileAt: path)
        try await tier.put(digest, from: try FileObjectReader(path: path, range: nil))
        let info = try #require(try await tier.client.headObject(key: tier.key(of: digest)))
        #expect(info.size == (12 << 20) + 17)
        #expect(info.eTag.map(S3MultipartETag.unquoted)?.hasSuffix("-3") == true, "three 5 MiB parts")
        #expect(try await tier.verify(digest))
        #expect(try await tier.client.listMultipartUploads().isEmpty)
        try await tier.delete(digest)
    }

    /// Bytes that do not hash to the digest they are stored under are refused by the server itself
    /// (`x-amz-checksum-sha256`), not only by the sender's hashing: nothing appears under the digest.
    @Test func theServerRefusesBytesThatDoNotMatchTheDigest() async throws {
        let tier = try tier()
        let path = try S3ClientTests.temporaryFile(size: 4096, seed: 5)
        defer { unlink(path) }
        let claimed = ContentHasher.digest(of: Array("not these bytes".utf8))
        let error = await #expect(throws: S3Error.self) {
            try await tier.put(claimed, from: try FileObjectReader(path: path, range: nil))
        }
        #expect(error?.kind == .digestMismatch)
        #expect(error?.status == 400)
        #expect(error?.code == "BadDigest")
        #expect(try await !tier.contains(claimed))
    }

    @Test func aCompletedUploadThatIsNotItsPartsIsDeleted() async throws {
        let tier = try tier()
        let path = try S3ClientTests.temporaryFile(size: (10 << 20) + 1, seed: 6)
        defer { unlink(path) }
        let (digest, _) = try ContentHasher.digest(ofFileAt: path)
        try await tier.put(digest, from: try FileObjectReader(path: path, range: nil))
        let wrongParts = ["\"0cc175b9c0f1b6a831c399e269772661\"", "\"92eb5ffee6ae2fec3ad71c777531578f\"", "\"0cc175b9c0f1b6a831c399e269772661\""]
        let error = await #expect(throws: S3Error.self) {
            try await tier.verifyUpload(digest, size: (10 << 20) + 1, partETags: wrongParts)
        }
        #expect(error?.kind == .digestMismatch)
        #expect(try await !tier.contains(digest), "an object that is not what was sent is removed")
    }
}

/// The multipart ETag rule, on a known vector (MD5 of the parts' binary MD5s, a dash, the part count).
@Suite struct S3MultipartETagTests {
    @Test func computesTheETagOfAnObjectFromItsPartETags() {
        // Parts "a" and "b": their MD5s are the part ETags.
        let parts = ["\"0cc175b9c0f1b6a831c399e269772661\"", "\"92eb5ffee6ae2fec3ad71c777531578f\""]
        #expect(S3MultipartETag.expected(partETags: parts) == "96e024ba2074fe77e8e965ba43a704be-2")
    }

    @Test func givesNoExpectationForETagsThatAreNotMD5s() {
        #expect(S3MultipartETag.expected(partETags: ["\"abc\""]) == nil)
        #expect(S3MultipartETag.expected(partETags: ["\"" + String(repeating: "z", count: 32) + "\""]) == nil)
    }

    @Test func unquotesWeakAndStrongETags() {
        #expect(S3MultipartETag.unquoted("W/\"abc\"") == "abc")
        #expect(S3MultipartETag.unquoted("\"abc-2\"") == "abc-2")
        #expect(S3MultipartETag.unquoted("abc") == "abc")
    }
}
