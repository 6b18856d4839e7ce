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

    /// Streams `source` into a temporary file, then fsyncs it, renames it to the digest and fsyncs the
    /// shard folder. When `source` throws (a read error, a hash mismatch, a stop request) or a write fails
    /// (ENOSPC), the temporary file is removed and the error rethrown: nothing appears under the digest.
    public func put(_ digest: ObjectDigest, from source: any ObjectReading) async throws {
        let temporary = try TemporaryFile(in: temporaryFolder)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.chunkSize, alignment: 16)
        defer { buffer.deallocate() }
        do {
            var size: Int64 = 0
            while true {
                let count = try await source.read(into: buffer)
                if count == 0 { break }
                try temporary.append(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
                size += Int64(count)
            }
            _ = try commit(temporary, digest: digest, size: size)
        } catch {
            temporary.discard()
            throw error
        }
    }

    /// The folder is not fsynced: a delete undone by a power failure leaves an extra copy, never a missing
    /// one, and skipping the flush keeps moves of many small objects from waiting on the disk twice each.
    public func delete(_ digest: ObjectDigest) async throws {
        let target = path(of: digest)
        guard unlink(target) == 0 || errno == ENOENT else {
            throw StorageError(operation: "unlink", path: target, errno: errno)
        }
    }

    public func list() -> AsyncThrowingStream<ObjectDigest, any Error> {
        let objects = objectsFolder
        return AsyncThrowingStream { continuation in
            do {
                for shard in try Self.entries(of: objects) where shard.utf8.count == 2 {
                    for rest in try Self.entries(of: objects + "/" + shard) {
                        if let digest = ObjectDigest(hex: shard + rest) { continuation.yield(digest) }
                    }
                }
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
    }

    /// Names in `folder`, without `.` and `..`.
    private static func entries(of folder: String) throws -> [String] {
        guard let stream = opendir(folder) else {
            if errno == ENOENT { return [] }
            throw StorageError(operation: "opendir", path: folder, errno: errno)
        }
        defer { closedir(stream) }
        var names: [String] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name != ".", name != ".." { names.append(name) }
        }
        return names
    }
}
