import AsyncHTTPClient
import Foundation
import Testing

@testable import Storage

/// GETs whose answers arrive damaged (a flipped body byte, a body cut off after the head, an empty body)
/// through a proxy in front of the real SeaweedFS: the client asks again and returns the object's bytes,
/// never the damage.
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
            #expect(error?.kind == (damage == .cutAfterHead ? .transport : .digestMismatch))
            let copy = NSTemporaryDirectory() + "damaged-" + UUID().uuidString
            await #expect(throws: S3Error.self) { try await client.download(key: "always-damaged.bin", to: copy) }
            #expect(!FileManager.default.fileExists(atPath: copy), "a failed download leaves no file")
            #expect(proxy.damaged >= 2)
        }
        try await direct.deleteObject(key: "always-damaged.bin")
    }

    /// A ranged GET answered with no body (what SeaweedFS sent under load) is asked for again, through the
    /// streaming reader that stage-in uses and through `getObject`; a range past the object's end still
    /// reads the bytes that exist.
    @Test func anEmptyRangedAnswerIsAskedForAgain() async throws {
        let direct = try S3TestServer.client()
        let bytes = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        try await direct.putObject(key: "ranged.bin", bytes: bytes)

        try await Self.through(DamagingProxy(upstream: S3TestServer.endpoint, damage: .emptyBody, answers: 1), like: direct) {
            client, proxy in
            let reader = try await S3ObjectReader.open(client: client, key: "ranged.bin", range: 1_000..<201_000)
            let read = try await Self.readAll(reader)
            #expect(read.count == 200_000 && read.elementsEqual(bytes[1_000..<201_000]))
            #expect(proxy.damaged == 1, "the first answer was empty and the reader asked again")
        }
        try await Self.through(DamagingProxy(upstream: S3TestServer.endpoint, damage: .emptyBody, answers: 1), like: direct) {
            client, proxy in
            let read = try await client.getObject(key: "ranged.bin", range: 10...99)
            #expect(read.elementsEqual(bytes[10...99]))
            #expect(proxy.damaged == 1, "the first answer was empty and getObject asked again")
        }
        let tail = try await Self.readAll(S3ObjectReader.open(client: direct, key: "ranged.bin", range: 299_000..<400_000))
        #expect(tail.elementsEqual(bytes[299_000...]))
        try await direct.deleteObject(key: "ranged.bin")
    }

    @Test func theLengthARangeMustHave() {
        #expect(S3ObjectReader.expectedLength(of: 10..<20, contentRange: nil) == 10)
        #expect(S3ObjectReader.expectedLength(of: 10..<20, contentRange: "bytes 10-19/100") == 10)
        #expect(S3ObjectReader.expectedLength(of: 90..<200, contentRange: "bytes 90-99/100") == 10)
        #expect(S3ObjectReader.expectedLength(of: 10..<20, contentRange: "bytes 10-19/*") == 10)
        #expect(S3ObjectReader.expectedLength(of: 10..<20, contentRange: "bytes 10-19/many") == nil)
    }

    /// Every byte `reader` yields.
    private static func readAll(_ reader: S3ObjectReader) async throws -> [UInt8] {
        var bytes: [UInt8] = []
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 65_536, alignment: 1)
        defer { buffer.deallocate() }
        while true {
            let count = try await reader.read(into: buffer)
            guard count > 0 else { return bytes }
            bytes += buffer[0..<count]
        }
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
