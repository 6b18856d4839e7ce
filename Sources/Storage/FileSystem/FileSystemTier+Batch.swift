import CFileShim
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension FileSystemTier {
    /// Starts writing `buffer` (whose SHA-256 is `digest`) to a temporary file on the I/O threads, unless
    /// the object is already present, and returns at once.
    ///
    /// The file's whole blocks go straight to the disk (direct I/O: no page-cache copy, and the cache keeps
    /// what readers use), the tail through the cache and is written out at once; then the file is made
    /// read-only. Its inode is made durable by ``publish(_:)``. Returns nil when the object is present, so
    /// nothing needs publishing. A write error is thrown by ``publish(_:)``.
    /// - precondition: `digest` is the SHA-256 of `buffer` (computed with ``ContentHasher``).
    public func stage(_ buffer: AlignedBuffer, digest: ObjectDigest) -> StagedObject? {
        if contains(digest) { return nil }
        let folder = temporaryFolder
        let write = IOThreads.run {
            let temporary = try TemporaryFile(in: folder, direct: true)
            do {
                try temporary.append(buffer)
                try temporary.closeWrittenOut(mode: 0o400)
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

    /// Makes staged objects durable under their digests: waits until every temporary file is written,
    /// flushes the file system (their inodes and the disk's cache), renames each into place (dropping
    /// those another writer published meanwhile) and flushes again for the folders' new entries.
    ///
    /// One `syncfs` per step instead of an fsync per file and per shard folder: each fsync ends with its
    /// own flush of the disk's cache, the slowest part of storing a small file. The price: the flush also
    /// writes back other dirty data of the same file system, so a tier should not share its file system
    /// with heavy unrelated writers. Without syncfs (not Linux), every file and folder is fsynced.
    ///
    /// After it returns, every object is complete under its final name and survives a crash, so catalog
    /// rows may name them. Returns the digests that were actually written (not already present). When it
    /// throws, the caller ``discard(_:)``s the batch.
    public func publish(_ staged: [StagedObject]) throws -> Set<ObjectDigest> {
        guard !staged.isEmpty else { return [] }
        let temporaryPaths = try staged.map { try $0.write.wait() }
        try makeDurable(files: temporaryPaths)
        var written: Set<ObjectDigest> = []
        var folders: Set<String> = []
        for (object, temporaryPath) in zip(staged, temporaryPaths) {
            if contains(object.digest) {
                unlink(temporaryPath)
                continue
            }
            let shard = folder(of: object.digest)
            try Self.moveIntoPlace(temporaryPath, to: path(of: object.digest), shard: shard)
            written.insert(object.digest)
            folders.insert(shard)
        }
        try makeDurable(folders: Array(folders))
        return written
    }

    /// Flushes the tier's file system (``publish(_:)``), or fsyncs each file where syncfs is missing.
    private func makeDurable(files: [String]) throws {
        guard try !flushFileSystem() else { return }
        try Self.concurrently(files) { path in
            let descriptor = open(path, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else { throw StorageError(operation: "open", path: path, errno: errno) }
            defer { close(descriptor) }
            guard fsync(descriptor) == 0 else { throw StorageError(operation: "fsync", path: path, errno: errno) }
        }
    }

    /// Flushes the tier's file system (``publish(_:)``), or fsyncs each folder where syncfs is missing.
    private func makeDurable(folders: [String]) throws {
        guard !folders.isEmpty, try !flushFileSystem() else { return }
        try Self.concurrently(folders) { try Self.sync(folder: $0) }
    }

    /// Writes back the dirty data and inodes of the tier's file system and flushes the disk's cache
    /// (syncfs, which reports write-back errors since its descriptor was opened). False where the
    /// platform has no syncfs.
    private func flushFileSystem() throws -> Bool {
        let descriptor = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw StorageError(operation: "open", path: root, errno: errno) }
        defer { close(descriptor) }
        if medlake_syncfs(descriptor) == 0 { return true }
        if errno == ENOSYS { return false }
        throw StorageError(operation: "syncfs", path: root, errno: errno)
    }

    /// Removes staged files that were never published (after a failure), once their writes have ended.
    public func discard(_ staged: [StagedObject]) {
        for object in staged {
            if let temporaryPath = try? object.write.wait() { unlink(temporaryPath) }
        }
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

    /// Runs `body` over `items` on the I/O threads (``IOThreads/count`` at once) and waits; rethrows the
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
