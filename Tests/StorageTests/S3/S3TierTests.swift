import Foundation
import Testing

@testable import Storage

/// The content-addressed tier in a bucket, and `tier check`'s probe, against SeaweedFS.
@Suite(.enabled(if: S3TestServer.shouldRun, S3TestServer.skipReason))
struct S3TierTests {
    @Test func storeVerifyRetrieveDelete() async throws {
        let tier = S3Tier(
            name: "cloud", client: try S3TestServer.client(),
            multipart: S3MultipartSettings(threshold: 5 << 20, partSize: 5 << 20, concurrency: 2))
        for size in [0, 1000, 12 << 20] {
            let path = try S3ClientTests.temporaryFile(size: size, seed: UInt64(size + 1))
            defer { unlink(path) }
            let (digest, _) = try ContentHasher.digest(ofFileAt: path)
            #expect(try await !tier.contains(digest))
            let stored = try await tier.store(contentsOf: path, digest: digest)
            #expect(!stored.alreadyPresent)
            #expect(stored.size == Int64(size))
            #expect(try await tier.contains(digest))
            #expect(try await tier.verify(digest))
            #expect(try await tier.store(contentsOf: path, digest: digest).alreadyPresent)
            let copy = path + ".restored"
            #expect(try await tier.retrieve(digest, to: copy) == Int64(size))
            #expect(try ContentHasher.digest(ofFileAt: copy).digest == digest)
            unlink(copy)
            try await tier.delete(digest)
            #expect(try await !tier.contains(digest))
        }
    }

    @Test func objectsUseTheFileSystemLayoutUnderThePrefix() async throws {
        let client = try S3TestServer.client()
        let tier = S3Tier(name: "cloud", client: client)
        let digest = ContentHasher.digest(of: [1, 2, 3])
        #expect(tier.key(of: digest) == "objects/" + digest.hex.prefix(2) + "/" + digest.hex.dropFirst(2))
        #expect(client.fullKey(tier.key(of: digest)).hasPrefix(client.location.prefix + "objects/"))
    }

    @Test func retrieveRefusesBytesThatDoNotMatchTheName() async throws {
        let client = try S3TestServer.client()
        let tier = S3Tier(name: "cloud", client: client)
        let claimed = ContentHasher.digest(of: Array("what the name says".utf8))
        try await client.putObject(key: tier.key(of: claimed), bytes: Array("other bytes".utf8))
        let copy = NSTemporaryDirectory() + "s3-mismatch-" + UUID().uuidString
        let error = await #expect(throws: S3Error.self) { try await tier.retrieve(claimed, to: copy) }
        #expect(error?.kind == .digestMismatch)
        #expect(!FileManager.default.fileExists(atPath: copy))
        #expect(try await !tier.verify(claimed))
        try await tier.delete(claimed)
    }

    @Test func probePassesEveryStep() async throws {
        let steps = await S3Tier(name: "cloud", client: try S3TestServer.client()).probe()
        #expect(steps.map(\.name) == S3ProbeStep.Step.allCases)
        #expect(steps.allSatisfy { $0.passed })
    }

    @Test func probeNamesTheFailingStep() async throws {
        let missingBucket = await S3Tier(name: "c", client: try S3TestServer.client(bucket: "medlake-no-such-bucket")).probe()
        #expect(missingBucket.map(\.name) == [.endpoint, .credentials, .bucket])
        #expect(missingBucket.last?.passed == false)

        let wrong = S3Credentials(accessKeyId: "AKIDNOSUCHKEY0000000", secretAccessKey: "wrong-secret")
        let badCredentials = await S3Tier(name: "c", client: try S3TestServer.client(credentials: wrong)).probe()
        #expect(badCredentials.map(\.name) == [.endpoint, .credentials])
        #expect(badCredentials.last?.passed == false)
        #expect(!badCredentials.contains { $0.detail.contains("wrong-secret") })

        let readOnly = await S3Tier(name: "c", client: try S3TestServer.client(credentials: try S3TestServer.readerCredentials())).probe()
        #expect(readOnly.last?.name == .write)
        #expect(readOnly.last?.passed == false)
    }
}

extension S3TierTests {
    @Test func storeOfBytesThatDoNotMatchTheDigestLeavesNothing() async throws {
        let tier = S3Tier(name: "cloud", client: try S3TestServer.client())
        let path = try S3ClientTests.temporaryFile(size: 4096, seed: 9)
        defer { unlink(path) }
        let claimed = ContentHasher.digest(of: Array("other bytes".utf8))
        let error = await #expect(throws: S3Error.self) { try await tier.store(contentsOf: path, digest: claimed) }
        #expect(error?.kind == .digestMismatch)
        #expect(try await !tier.contains(claimed))
    }
}
