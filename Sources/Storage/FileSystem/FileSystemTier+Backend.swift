#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension FileSystemTier: TierBackend {
    public func size(of digest: ObjectDigest) async throws -> Int64? {
        var info = stat()
        if stat(path(of: digest), &info) == 0 { return Int64(info.st_size) }
        if errno == ENOENT || errno == ENOTDIR { return nil }
        throw StorageError(operation: "stat", path: path(of: digest), errno: errno)
    }

    public func openForReading(_ digest: ObjectDigest, range: Range<Int64>?) async throws -> any ObjectReading {
        try FileObjectReader(path: path(of: digest), range: range)
    }

    /// Stages the object and publishes it at once (``stage(_:from:owner:)`` then ``publish(_:)``).
    public func put(_ digest: ObjectDigest, from source: any ObjectReading) async throws {
        try await publish([try await stage(digest, from: source, owner: "")])
    }

    // MARK: - Staging

    /// Staged copies wait in the `tmp` folder until ``publish(_:)`` renames them.
    public var stagesInPlace: Bool { false }

    /// Streams `source` into a temporary file named for `owner` (letters and digits) in the tier's
    /// `tmp` folder, without fsync; every ``writeBackInterval`` bytes the kernel is asked to start writing
    /// the file out, so ``publish(_:)`` later waits for little. When `source` throws (a read error, a
    /// hash mismatch, a stop request) or a write fails (ENOSPC), the file is removed and the error
    /// rethrown.
    public func stage(_ digest: ObjectDigest, from source: any ObjectReading, owner: String) async throws -> StagedCopy {
        let temporary = try TemporaryFile(in: temporaryFolder, owner: owner)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.chunkSize, alignment: 16)
        defer { buffer.deallocate() }
        do {
            var unflushed = 0
            while true {
                let count = try await source.read(into: buffer)
                if count == 0 { break }
                try temporary.append(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
                unflushed += count
                if unflushed >= Self.writeBackInterval {
                    temporary.startWriteBack()
                    unflushed = 0
                }
            }
            try temporary.closeUnflushed(mode: 0o400)
        } catch {
            temporary.discard()
            throw error
        }
        return StagedCopy(digest: digest, location: temporary.path)
    }

    /// Hard-links the source tier's object into this tier's `tmp` folder when both are folders on one
    /// file system (falling back, by returning nil, on EXDEV and the other errors of a file system that
    /// cannot link), then has `verify` read the linked name to the end. No byte is written: the object was
    /// made durable when it was first stored, and ``publish(_:)`` renames the link into place. On a failed
    /// verification only the new name is unlinked; the source keeps its name and bytes.
    public func stageShared(
        _ digest: ObjectDigest, from source: any TierBackend, owner: String,
        verify: (_ path: String) async throws -> Void
    ) async throws -> StagedCopy? {
        guard let source = source as? FileSystemTier,
            let linked = try TemporaryFile.hardLink(source.path(of: digest), in: temporaryFolder, owner: owner)
        else { return nil }
        do {
            try await verify(linked)
        } catch {
            unlink(linked)
            throw error
        }
        return StagedCopy(digest: digest, location: linked)
    }

    /// Fsyncs every staged file (``IOThreads/count`` in flight: the file system commits them together),
    /// renames each over its digest, then fsyncs each shard folder touched, once. The fsyncs wait on
    /// threads of their own, not on the caller's. A hard link from ``stageShared(_:from:owner:verify:)``
    /// has a clean inode, so its fsync only commits the new link count. Renaming a link onto a name of the
    /// same inode leaves both names (rename(2) does nothing then), so the staged name is unlinked after.
    public func publish(_ copies: [StagedCopy]) async throws {
        let files = copies.compactMap(\.location)
        try await Self.concurrentlyOffPool(files) { path in
            let descriptor = open(path, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else { throw StorageError(operation: "open", path: path, errno: errno) }
            defer { close(descriptor) }
            guard fsync(descriptor) == 0 else { throw StorageError(operation: "fsync", path: path, errno: errno) }
        }
        var folders: Set<String> = []
        for copy in copies {
            guard let location = copy.location else { continue }
            let shard = folder(of: copy.digest)
            if folders.insert(shard).inserted { try Self.makeFolder(shard) }
            let destination = path(of: copy.digest)
            guard rename(location, destination) == 0 else {
                throw StorageError(operation: "rename", path: destination, errno: errno)
            }
            unlink(location)
        }
        try await Self.concurrentlyOffPool(Array(folders)) { try Self.sync(folder: $0) }
    }

    public func discard(_ copies: [StagedCopy]) async {
        for case let location? in copies.map(\.location) { unlink(location) }
    }

    /// Removes `owner`'s files from the tier's `tmp` folder (all of them: the caller knows no writer of
    /// `owner` is still running).
    public func discardStaged(owner: String) async throws -> Int {
        let prefix = TemporaryFile.namePrefix(owner: owner)
        var removed = 0
        for name in try Self.entries(of: temporaryFolder) where name.hasPrefix(prefix) && name.hasSuffix(".partial") {
            let path = temporaryFolder + "/" + name
            if unlink(path) == 0 {
                removed += 1
            } else if errno != ENOENT {
                throw StorageError(operation: "unlink", path: path, errno: errno)
            }
        }
        return removed
    }

    // MARK: - Deleting and listing

    /// The folder is not fsynced: a delete undone by a power failure leaves an extra copy, never a missing
    /// one, and skipping the flush keeps moves of many small objects from waiting on the disk twice each.
    public func delete(_ digest: ObjectDigest) async throws {
        let target = path(of: digest)
        guard unlink(target) == 0 || errno == ENOENT else {
            throw StorageError(operation: "unlink", path: target, errno: errno)
        }
    }

    /// Reads the folder one shard at a time on the I/O threads (``IOThreads``): a tier of millions of
    /// objects is listed without holding a cooperative thread, and a consumer that stops early (or is
    /// cancelled) stops the reading.
    public func list() -> AsyncThrowingStream<ObjectDigest, any Error> {
        let objects = objectsFolder
        return AsyncThrowingStream { continuation in
            let reading = Task {
                do {
                    for shard in try await IOThreads.perform({ try Self.entries(of: objects) }) where shard.utf8.count == 2 {
                        try Task.checkCancellation()
                        for rest in try await IOThreads.perform({ try Self.entries(of: objects + "/" + shard) }) {
                            if let digest = ObjectDigest(hex: shard + rest) { continuation.yield(digest) }
                        }
                    }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in reading.cancel() }
        }
    }

    /// Names in `folder`, without `.` and `..`.
    static func entries(of folder: String) throws -> [String] {
        guard let stream = opendir(folder) else {
            if errno == ENOENT { return [] }
            throw StorageError(operation: "opendir", path: folder, errno: errno)
        }
        defer { closedir(stream) }
        var names: [String] = []
        while let entry = readdir(stream) {
            let name = String(decoding: DirectoryEntry.name(of: entry), as: UTF8.self)
            if name != ".", name != ".." { names.append(name) }
        }
        return names
    }
}
