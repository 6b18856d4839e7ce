import Foundation
import Testing

@testable import Storage

/// `readVerified` returns an object's bytes only when they still have its SHA-256 and size.
@Suite struct FileSystemTierVerifiedReadTests {
    let tier = FileSystemTier(name: "hot", root: NSTemporaryDirectory() + "verified-" + UUID().uuidString)

    init() throws {
        try tier.prepare()
    }

    @Test func returnsTheBytesOfAnIntactObjectLargerThanOneChunk() throws {
        let bytes = (0..<(FileSystemTier.chunkSize * 2 + 17)).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let stored = try bytes.withUnsafeBytes { try tier.store(bytes: $0) }
        #expect(try tier.readVerified(stored.digest, size: stored.size) == bytes)
        #expect(try tier.readVerified(stored.digest, size: nil) == bytes)
    }

    @Test func refusesAnObjectAlteredInPlaceOrOfAnotherSize() throws {
        let stored = try Array("pixels of patient 1".utf8).withUnsafeBytes { try tier.store(bytes: $0) }
        #expect(throws: StorageError.self) { try tier.readVerified(stored.digest, size: stored.size + 1) }
        let path = tier.path(of: stored.digest)
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: path)
        try Data("pixels of patient 2".utf8).write(to: URL(fileURLWithPath: path))
        do {
            _ = try tier.readVerified(stored.digest, size: stored.size)
            Issue.record("altered bytes were returned")
        } catch let error as StorageError {
            #expect(error.isHashMismatch)
        }
    }

    @Test func aMissingObjectIsAnErrorNamingItsFile() throws {
        let digest = ContentHasher.digest(of: Array("never stored".utf8))
        do {
            _ = try tier.readVerified(digest, size: nil)
            Issue.record("a missing object was read")
        } catch let error as StorageError {
            #expect(!error.isHashMismatch)
            #expect(String(describing: error).contains(digest.hex.dropFirst(2)))
        }
    }
}
