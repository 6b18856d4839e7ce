import Foundation
import Synchronization
import Testing

@testable import Storage

/// `FileSystemTier` as a `TierBackend`: streaming put, ranged reads, size, delete and list on a real folder.
@Suite struct FileSystemTierBackendTests {
    let source: FileSystemTier
    let destination: FileSystemTier

    init() throws {
        let folder = NSTemporaryDirectory() + "backend-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        source = FileSystemTier(name: "hot", root: folder + "/hot")
        destination = FileSystemTier(name: "warm", root: folder + "/warm")
        try source.prepare()
        try destination.prepare()
    }

    private func stored(_ count: Int) throws -> (ObjectDigest, [UInt8]) {
        let bytes = (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 13 &+ $0 >> 9) }
        let object = try bytes.withUnsafeBytes { try source.store(bytes: $0) }
        return (object.digest, bytes)
    }

    private func readAll(_ reader: any ObjectReading, chunk: Int = 4096) async throws -> [UInt8] {
        var result: [UInt8] = []
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunk, alignment: 8)
        defer { buffer.deallocate() }
        while case let count = try await reader.read(into: buffer), count > 0 {
            result += buffer[0..<count]
        }
        return result
    }

    @Test func verifiedCopyLandsUnderItsDigest() async throws {
        let (digest, bytes) = try stored(3_000_000)
        var reported: Int64 = 0
        let reader = VerifyingReader(
            try await source.openForReading(digest, range: nil), digest: digest, size: Int64(bytes.count), limit: nil,
            progress: { reported = $0 })
        try await destination.put(digest, from: reader)
        #expect(reported == Int64(bytes.count))
        #expect(try await destination.size(of: digest) == Int64(bytes.count))
        #expect(try await destination.verify(digest))
        var listed: [ObjectDigest] = []
        for try await item in destination.list() { listed.append(item) }
        #expect(listed == [digest])
    }

    @Test func rangedReadsReturnExactlyTheRange() async throws {
        let (digest, bytes) = try stored(10_000)
        let middle = try await readAll(try await source.openForReading(digest, range: 100..<5_000), chunk: 777)
        #expect(middle == Array(bytes[100..<5_000]))
        let tail = try await readAll(try await source.openForReading(digest, range: 9_990..<20_000))
        #expect(tail == Array(bytes[9_990...]))
    }

    @Test func aMismatchStoresNothing() async throws {
        let (digest, bytes) = try stored(50_000)
        let wrong = ContentHasher.digest(of: Array("other".utf8))
        let reader = VerifyingReader(
            try await source.openForReading(digest, range: nil), digest: wrong, size: Int64(bytes.count), limit: nil)
        await #expect(throws: StorageError.self) { try await destination.put(wrong, from: reader) }
        #expect(try await destination.exists(wrong) == false)
        #expect(try FileManager.default.contentsOfDirectory(atPath: destination.root + "/tmp").isEmpty)
        let short = VerifyingReader(
            try await source.openForReading(digest, range: nil), digest: digest, size: Int64(bytes.count - 1), limit: nil)
        do {
            try await destination.put(digest, from: short)
            Issue.record("a longer stream than expected must not be stored")
        } catch let error as StorageError {
            #expect(error.isHashMismatch)
        }
    }

    @Test func aStopRequestEndsTheCopyWithoutAnObject() async throws {
        let (digest, bytes) = try stored(4_000_000)
        let reader = VerifyingReader(
            try await source.openForReading(digest, range: nil), digest: digest, size: Int64(bytes.count), limit: nil,
            shouldStop: { true })
        await #expect(throws: TransferStopped.self) { try await destination.put(digest, from: reader) }
        #expect(try await destination.exists(digest) == false)
    }

    @Test func deleteRemovesAndToleratesAbsence() async throws {
        let (digest, _) = try stored(10)
        try await source.delete(digest)
        #expect(try await source.size(of: digest) == nil)
        try await source.delete(digest)
    }

    // MARK: - Staging

    private func temporaries(_ tier: FileSystemTier) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: tier.root + "/tmp")
    }

    @Test func aStagedCopyAppearsUnderItsDigestOnlyWhenPublished() async throws {
        let (digest, bytes) = try stored(2_500_000)
        let reader = VerifyingReader(
            try await source.openForReading(digest, range: nil), digest: digest, size: Int64(bytes.count), limit: nil)
        let copy = try await destination.stage(digest, from: reader, owner: "job7")
        #expect(!destination.stagesInPlace)
        #expect(try await destination.exists(digest) == false, "staged, not yet visible")
        #expect(try temporaries(destination).count == 1)
        #expect(try temporaries(destination).allSatisfy { $0.hasPrefix("object-job7-") })
        try await destination.publish([copy])
        #expect(try await destination.verify(digest))
        #expect(try temporaries(destination).isEmpty)
    }

    @Test func publishingABatchMakesEveryCopyVisible() async throws {
        var copies: [StagedCopy] = []
        for size in [10, 70_000, 1_300_000] {
            let (digest, _) = try stored(size)
            copies.append(try await destination.stage(digest, from: try await source.openForReading(digest, range: nil), owner: "job1"))
        }
        try await destination.publish(copies)
        for copy in copies { #expect(try await destination.verify(copy.digest)) }
        // Publishing a copy of an object already present replaces it (same bytes) without an error.
        let again = try await destination.stage(
            copies[0].digest, from: try await source.openForReading(copies[0].digest, range: nil), owner: "job1")
        try await destination.publish([again])
        #expect(try await destination.verify(copies[0].digest))
    }

    @Test func discardAndDiscardStagedRemoveOnlyStagedFiles() async throws {
        let (first, _) = try stored(1000)
        let (second, _) = try stored(2000)
        let (third, _) = try stored(3000)
        let mine = try await destination.stage(first, from: try await source.openForReading(first, range: nil), owner: "job1")
        _ = try await destination.stage(second, from: try await source.openForReading(second, range: nil), owner: "job1")
        let other = try await destination.stage(third, from: try await source.openForReading(third, range: nil), owner: "job12")
        await destination.discard([mine])
        #expect(try temporaries(destination).count == 2)
        #expect(try await destination.discardStaged(owner: "job1") == 1, "job12's file is not job1's")
        #expect(try temporaries(destination).count == 1)
        try await destination.publish([other])
        #expect(try await destination.discardStaged(owner: "job12") == 0)
        #expect(try await destination.verify(third), "published objects are never discarded")
    }

    @Test func aSharedStageLinksAndVerifiesWithoutCopying() async throws {
        let (digest, bytes) = try stored(300_000)
        let verifier = ParallelVerifier()
        let read = Mutex<Int64>(0)
        let copy = try await destination.stageShared(digest, from: source, owner: "job3") { path in
            try await verifier.verify(
                FileVerification(
                    path: path, digest: digest, size: Int64(bytes.count),
                    progress: { total in read.withLock { $0 = total } }))
        }
        #expect(read.withLock { $0 } == Int64(bytes.count), "every byte was read back through the verifier")
        var original = stat()
        var linked = stat()
        stat(source.path(of: digest), &original)
        stat(try #require(copy?.location), &linked)
        #expect(linked.st_ino == original.st_ino && linked.st_nlink == 2)
        try await destination.publish([try #require(copy)])
        // Publishing again onto the same inode (rename(2) does nothing then) still leaves no staged name.
        let again = try await destination.stageShared(digest, from: source, owner: "job3") { _ in }
        try await destination.publish([try #require(again)])
        #expect(try temporaries(destination).isEmpty)
        try await source.delete(digest)
        stat(destination.path(of: digest), &linked)
        #expect(linked.st_ino == original.st_ino && linked.st_nlink == 1)
        #expect(try await destination.verify(digest))
    }

    @Test func aSharedStageThatFailsVerificationRemovesOnlyItsLink() async throws {
        let (digest, bytes) = try stored(5000)
        let wrong = ContentHasher.digest(of: [UInt8(1)])
        await #expect(throws: StorageError.self) {
            _ = try await destination.stageShared(digest, from: source, owner: "job4") { path in
                let file = FileVerification(path: path, digest: wrong, size: Int64(bytes.count))
                try await ParallelVerifier().verify(file)
            }
        }
        #expect(try temporaries(destination).isEmpty)
        #expect(try await source.verify(digest), "the source keeps its name and bytes")
    }
}
