import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension FileSystemTier {
    /// How many fsyncs ``publish(_:)`` keeps in flight (the I/O threads).
    static var syncConcurrency: Int { IOThreads.count }

    /// Starts writing `buffer` (whose SHA-256 is `digest`) to a temporary file on the I/O threads, unless
    /// the object is already present, and returns at once.
    ///
    /// The file's whole blocks go straight to the disk (direct I/O: no page-cache copy, and the cache keeps
    /// what readers use), the tail through the cache; then the file is made read-only and fsynced. Returns
    /// nil when the object is present, so nothing needs publishing. A write error is thrown by
    /// ``publish(_:)``.
    /// - precondition: `digest` is the SHA-256 of `buffer` (computed with ``ContentHasher``).
    public func stage(_ buffer: AlignedBuffer, digest: ObjectDigest) -> StagedObject? {
        if contains(digest) { return nil }
        let folder = temporaryFolder
        let write = IOThreads.run {
            let temporary = try TemporaryFile(in: folder, direct: true)
            do {
                try temporary.append(buffer)
                try temporary.finish()
            } catch {
                temporary.discard()
                throw error
            }
            return temporary.path
        }
        return StagedObject(digest: digest, size: Int64(buffer.count), write: write)
    }

    /// ``stage(_:digest:)`` for bytes anywhere in memory (copied into an ``AlignedBuffer`` first).
    public func stage(bytes: UnsafeRawBufferPointer, digest: ObjectDigest) -> StagedObject? {
        if contains(digest) { return nil }
        return stage(AlignedBuffer(copying: bytes), digest: digest)
    }

    /// Makes staged objects durable under their digests: waits until every temporary file is written and
    /// fsynced, renames each into place (dropping those another writer published meanwhile) and fsyncs
    /// the shard folders.
    ///
    /// After it returns, every object is complete under its final name and survives a crash, so catalog
    /// rows may name them. Returns the digests that were actually written (not already present). When it
    /// throws, the caller ``discard(_:)``s the batch.
    public func publish(_ staged: [StagedObject]) throws -> Set<ObjectDigest> {
        var written: Set<ObjectDigest> = []
        var folders: Set<String> = []
        for object in staged {
            let temporaryPath = try object.write.wait()
            if contains(object.digest) {
                unlink(temporaryPath)
                continue
            }
            let shard = folder(of: object.digest)
            try Self.moveIntoPlace(temporaryPath, to: path(of: object.digest), shard: shard)
            written.insert(object.digest)
            folders.insert(shard)
        }
        try Self.concurrently(Array(folders)) { try Self.sync(folder: $0) }
        return written
    }

    /// Removes staged files that were never published (after a failure), once their writes have ended.
    public func discard(_ staged: [StagedObject]) {
        for object in staged {
            if let temporaryPath = try? object.write.wait() { unlink(temporaryPath) }
        }
    }

    /// Removes in-flight files older than `age` seconds from the temporary folder: leftovers of writers
    /// that were killed. Younger files may belong to a writer still running, so they stay.
    /// Returns how many files were removed.
    @discardableResult
    public func sweepTemporaries(olderThan age: TimeInterval) -> Int {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: temporaryFolder) else { return 0 }
        let cutoff = Date().addingTimeInterval(-age).timeIntervalSince1970
        var removed = 0
        for name in names where name.hasPrefix("object-") && name.hasSuffix(".partial") {
            let path = temporaryFolder + "/" + name
            var info = stat()
            guard lstat(path, &info) == 0, Double(info.st_mtim.tv_sec) < cutoff else { continue }
            if unlink(path) == 0 { removed += 1 }
        }
        return removed
    }

    /// Renames `source` to `destination` in the shard folder `shard`, creating the folder if it is missing
    /// (a tier prepared before shards were created up front).
    static func moveIntoPlace(_ source: String, to destination: String, shard: String) throws {
        if rename(source, destination) == 0 { return }
        guard errno == ENOENT else { throw StorageError(operation: "rename", path: destination, errno: errno) }
        try makeFolder(shard)
        guard rename(source, destination) == 0 else {
            throw StorageError(operation: "rename", path: destination, errno: errno)
        }
    }

    /// Runs `body` over `items` on the I/O threads (``syncConcurrency`` at once) and waits; rethrows the
    /// first error.
    static func concurrently<Item: Sendable>(
        _ items: [Item], _ body: @escaping @Sendable (Item) throws -> Void
    ) throws {
        let finished = Pending<Void>()
        IOThreads.forEach(items, body) { error in finished.fulfil(error.map { .failure($0) } ?? .success(())) }
        try finished.wait()
    }

    /// ``concurrently(_:_:)`` from an async context: the caller's cooperative thread is free while the
    /// I/O threads work.
    static func concurrentlyOffPool<Item: Sendable>(
        _ items: [Item], _ body: @escaping @Sendable (Item) throws -> Void
    ) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            IOThreads.forEach(items, body) { error in
                if let error { continuation.resume(throwing: error) } else { continuation.resume() }
            }
        }
    }
}
