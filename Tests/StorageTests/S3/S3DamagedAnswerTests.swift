import AsyncHTTPClient
import Foundation
import Testing

@testable import Storage

/// GETs whose answers arrive damaged (a flipped body byte, a body cut off after the head) through a proxy
/// in front of the real SeaweedFS: the client asks again and returns the object's bytes, never the damage.
@Suite(.enabled(if: S3TestServer.shouldRun, S3TestServer.skipReason))
struct S3DamagedAnswerTests {
    @Test(arguments: DamagingProxy.Damage.allCases)
    func aDamagedAnswerIsAskedForAgain(damage: DamagingProxy.Damage) async throws {
        let direct = try S3TestServer.client()
        let path = try S3ClientTests.temporaryFile(size: 300_000, seed: 11)
        defer { unlink(path) }
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        let digest = ContentHasher.digest(of: bytes)
        try await direct.putObject(key: "damaged.bin", fileAt: path, payloadHash: digest.hex)

        try await Self.through(DamagingProxy(upstream: S3TestServer.endpoint, damage: damage, answers: 1), like: direct) {
            client, proxy in
            let read = try await client.getObject(key: "damaged.bin")
            #expect(read.count == bytes.count && read.elementsEqual(bytes))
            #expect(proxy.damaged == 1, "the first answer was damaged and the read asked again")
        }
        try await Self.through(DamagingProxy(upstream: S3TestServer.endpoint, damage: damage, answers: 1), like: direct) {
            client, proxy in
            let copy = path + ".back"
            defer { unlink(copy) }
            let back = try await client.download(key: "damaged.bin", to: copy)
            #expect(back.digest == digest && back.size == Int64(bytes.count))
            #expect(proxy.damaged == 1, "the first answer was damaged and the download asked again")
        }
        try await direct.deleteObject(key: "damaged.bin")
    }

    @Test(arguments: DamagingProxy.Damage.allCases)
    func damageOnEveryAttemptIsAnErrorNotBytes(damage: DamagingProxy.Damage) async throws {
        let direct = try S3TestServer.client()
        try await direct.putObject(key: "always-damaged.bin", bytes: Array(repeating: 7, count: 4096))
        let proxy = try DamagingProxy(upstream: S3TestServer.endpoint, damage: damage, answers: .max)
        try await Self.through(proxy, like: direct, attempts: 2) { client, proxy in
            let error = await #expect(throws: S3Error.self) { try await client.getObject(key: "always-damaged.bin") }
            #expect(error?.kind == (damage == .flipFirstBodyByte ? .digestMismatch : .transport))
            let copy = NSTemporaryDirectory() + "damaged-" + UUID().uuidString
            await #expect(throws: S3Error.self) { try await client.download(key: "always-damaged.bin", to: copy) }
            #expect(!FileManager.default.fileExists(atPath: copy), "a failed download leaves no file")
            #expect(proxy.damaged >= 2)
        }
        try await direct.deleteObject(key: "always-damaged.bin")
    }

    /// Runs `body` with a client for `direct`'s bucket and prefix connecting through `proxy`, on a
    /// connection pool of its own (so no connection to this proxy outlives it), then stops both.
    private static func through(
        _ proxy: DamagingProxy, like direct: S3Client, attempts: Int = 3,
        _ body: (S3Client, DamagingProxy) async throws -> Void
    ) async throws {
        let http = HTTPClient(eventLoopGroupProvider: .singleton)
        let location = try S3Location(
            endpoint: proxy.endpoint, bucket: direct.location.bucket, region: direct.location.region,
            prefix: direct.location.prefix)
        let client = S3Client(
            location: location, credentials: try S3TestServer.credentials(),
            retry: S3RetryPolicy(maxAttempts: attempts, initialDelay: .milliseconds(10), requestTimeout: .seconds(30)),
            http: http)
        do {
            try await body(client, proxy)
        } catch {
            try? await http.shutdown()
            proxy.stop()
            throw error
        }
        try await http.shutdown()
        proxy.stop()
    }
}
