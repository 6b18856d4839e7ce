import Foundation
import Testing

@testable import Storage

@Suite struct FileSystemTierTests {
    let folder: String
    let tier: FileSystemTier

    init() throws {
        folder = NSTemporaryDirectory() + "tier-" + UUID().uuidString
        tier = FileSystemTier(name: "hot", root: folder)
        try tier.prepare()
    }

    private func mode(_ path: String) throws -> Int {
        try (FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? -1
    }

    @Test func storesUnderItsDigestReadOnly() throws {
        let bytes = Array("abc".utf8)
        let stored = try bytes.withUnsafeBytes { try tier.store(bytes: $0) }
        #expect(!stored.alreadyPresent)
        #expect(stored.size == 3)
        let path = folder + "/objects/ba/7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        #expect(tier.path(of: stored.digest) == path)
        #expect(FileManager.default.contents(atPath: path) == Data(bytes))
        #expect(try mode(path) == 0o400)
        #expect(try mode(folder + "/objects/ba") & 0o007 == 0)
    }

    @Test func presentObjectIsNotWrittenAgain() throws {
        let bytes = Array("same bytes".utf8)
        let first = try bytes.withUnsafeBytes { try tier.store(bytes: $0) }
        let before = try FileManager.default.attributesOfItem(atPath: tier.path(of: first.digest))[.modificationDate] as? Date
        let second = try bytes.withUnsafeBytes { try tier.store(bytes: $0) }
        #expect(second.alreadyPresent)
        #expect(second.digest == first.digest)
        let after = try FileManager.default.attributesOfItem(atPath: tier.path(of: first.digest))[.modificationDate] as? Date
        #expect(before == after)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/tmp").isEmpty)
    }

    @Test func streamingCopyHashesAcrossChunks() throws {
        let source = folder + "/source.bin"
        let bytes = (0..<(FileSystemTier.chunkSize * 2 + 12_345)).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ $0 >> 9) }
        try Data(bytes).write(to: URL(fileURLWithPath: source))
        let stored = try tier.store(contentsOf: source)
        #expect(stored.digest == ContentHasher.digest(of: bytes))
        #expect(stored.size == Int64(bytes.count))
        #expect(FileManager.default.contents(atPath: tier.path(of: stored.digest)) == Data(bytes))
        let again = try tier.store(contentsOf: source)
        #expect(again.alreadyPresent)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/tmp").isEmpty)
    }

    @Test func verifyDetectsChangedBytes() async throws {
        let stored = try Array("original".utf8).withUnsafeBytes { try tier.store(bytes: $0) }
        #expect(try await tier.verify(stored.digest))
        let path = tier.path(of: stored.digest)
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: path)
        try Data("tampered".utf8).write(to: URL(fileURLWithPath: path))
        #expect(try await !tier.verify(stored.digest))
    }

    @Test func missingSourceIsATypedError() throws {
        #expect {
            try tier.store(contentsOf: folder + "/nope")
        } throws: { error in
            (error as? StorageError)?.operation == "open" && (error as? StorageError)?.errno == ENOENT
        }
    }
}

@Suite struct FileSystemTierBatchTests {
    @Test func stagedObjectsAppearOnlyWhenPublished() throws {
        let tier = FileSystemTier(name: "hot", root: NSTemporaryDirectory() + "batch-" + UUID().uuidString)
        try tier.prepare()
        let contents = (0..<50).map { Array("object \($0 % 40)".utf8) }
        var staged: [StagedObject] = []
        for bytes in contents {
            let digest = ContentHasher.digest(of: bytes)
            if let object = bytes.withUnsafeBytes({ tier.stage(bytes: $0, digest: digest) }) {
                staged.append(object)
                #expect(!tier.contains(digest))
            }
        }
        #expect(staged.count == 50)
        let written = try tier.publish(staged)
        #expect(written.count == 40)
        for bytes in contents {
            let digest = ContentHasher.digest(of: bytes)
            #expect(FileManager.default.contents(atPath: tier.path(of: digest)) == Data(bytes))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: tier.root + "/tmp").isEmpty)
        let present = contents[0].withUnsafeBytes { tier.stage(bytes: $0, digest: ContentHasher.digest(of: contents[0])) }
        #expect(present == nil)
    }
}

@Suite struct FileSystemTierStagingTests {
    let tier = FileSystemTier(name: "hot", root: NSTemporaryDirectory() + "staging-" + UUID().uuidString)

    init() throws {
        try tier.prepare()
    }

    private func temporaries() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: tier.root + "/tmp")
    }

    @Test func prepareCreatesEveryShardFolder() throws {
        let shards = try FileManager.default.contentsOfDirectory(atPath: tier.objectsFolder)
        #expect(shards.count == 256)
        #expect(Set(shards).isSuperset(of: ["00", "0a", "a0", "ff"]))
    }

    /// Whole blocks go out by direct I/O and the tail through the page cache: every split must give back
    /// the exact bytes.
    @Test(arguments: [0, 1, 4095, 4096, 4097, 3 * 4096 + 17, 1 << 20])
    func stagedBytesArePublishedExactlyAndReadOnly(size: Int) throws {
        let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ size) }
        let digest = ContentHasher.digest(of: bytes)
        let staged = try #require(bytes.withUnsafeBytes { tier.stage(bytes: $0, digest: digest) })
        #expect(try tier.publish([staged]) == [digest])
        let path = tier.path(of: digest)
        #expect(FileManager.default.contents(atPath: path) == Data(bytes))
        #expect((try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) == 0o400)
        #expect(try temporaries().isEmpty)
    }

    @Test func discardWaitsForTheWritesAndRemovesThem() throws {
        let staged = (0..<40).compactMap { index -> StagedObject? in
            let bytes = Array(repeating: UInt8(index), count: 10_000 + index)
            return bytes.withUnsafeBytes { tier.stage(bytes: $0, digest: ContentHasher.digest(of: bytes)) }
        }
        #expect(staged.count == 40)
        tier.discard(staged)
        #expect(try temporaries().isEmpty)
        #expect(staged.allSatisfy { !tier.contains($0.digest) })
    }

    @Test func aFailedWriteIsThrownByPublishNamingTheFolder() throws {
        try FileManager.default.removeItem(atPath: tier.root + "/tmp")
        let bytes = Array("lost".utf8)
        let staged = try #require(bytes.withUnsafeBytes { tier.stage(bytes: $0, digest: ContentHasher.digest(of: bytes)) })
        #expect {
            try tier.publish([staged])
        } throws: { error in
            let failure = error as? StorageError
            return failure?.operation == "create" && failure?.errno == ENOENT
                && failure?.path.hasPrefix(tier.root + "/tmp/") == true
        }
        #expect(!tier.contains(staged.digest))
    }
}

@Suite struct FileSystemTierSweepTests {
    @Test func sweepsOnlyOldLeftovers() throws {
        let tier = FileSystemTier(name: "hot", root: NSTemporaryDirectory() + "sweep-" + UUID().uuidString)
        try tier.prepare()
        let old = tier.root + "/tmp/object-old.partial"
        let young = tier.root + "/tmp/object-young.partial"
        try Data("x".utf8).write(to: URL(fileURLWithPath: old))
        try Data("y".utf8).write(to: URL(fileURLWithPath: young))
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-7200)], ofItemAtPath: old)
        #expect(try tier.sweepTemporaries(unstampedOlderThan: 3600).map(\.name) == ["object-old.partial"])
        #expect(!FileManager.default.fileExists(atPath: old))
        #expect(FileManager.default.fileExists(atPath: young))
    }

    /// A file named for a process that has exited goes at once, however young; one of a live process
    /// (this one) or of an earlier boot's process is judged by the stamp alone.
    @Test func sweepsFilesOfDeadWritersAtOnce() throws {
        let tier = FileSystemTier(name: "hot", root: NSTemporaryDirectory() + "sweep-" + UUID().uuidString)
        try tier.prepare()
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/bin/true")
        try child.run()
        child.waitUntilExit()
        let boot = ProcessStamp.current.bootID
        #expect(!boot.isEmpty, "Linux reports a boot id")
        let dead = "object-job4-" + ProcessStamp(pid: child.processIdentifier, bootID: boot).nameComponent + "x.partial"
        let live = "object-" + ProcessStamp.current.nameComponent + "y.partial"
        let earlierBoot = "object-" + ProcessStamp(pid: getpid(), bootID: "0123abcd").nameComponent + "z.partial"
        for name in [dead, live, earlierBoot] {
            try Data("x".utf8).write(to: URL(fileURLWithPath: tier.root + "/tmp/" + name))
        }
        let files = try tier.temporaryFiles()
        #expect(files.first { $0.name == dead }?.owner == "job4")
        #expect(files.first { $0.name == live }?.owner == "")
        let first = try tier.sweepTemporaries(unstampedOlderThan: 3600, keep: { $0.owner.hasPrefix("job") })
        #expect(first.map(\.name) == [earlierBoot])
        #expect(FileManager.default.fileExists(atPath: tier.root + "/tmp/" + dead), "kept: the job's worker counts it")
        #expect(FileManager.default.fileExists(atPath: tier.root + "/tmp/" + live))
        #expect(try tier.sweepTemporaries(unstampedOlderThan: 3600).map(\.name) == [dead])
        #expect(FileManager.default.fileExists(atPath: tier.root + "/tmp/" + live))
    }
}
