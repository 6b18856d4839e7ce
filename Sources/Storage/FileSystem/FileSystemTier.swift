#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A storage tier kept in a folder: objects live at `<root>/objects/ab/cdef…` named by their SHA-256.
///
/// Writes are crash-safe: bytes go to a temporary file under `<root>/tmp`, which is fsynced and then
/// renamed into place, so an object under its final name is always complete; the rename is made durable
/// by fsyncing its folder. Callers storing many objects ``stage(_:digest:)`` them and ``publish(_:)``
/// them together, which does the same steps with one flush of the file system per step.
/// Objects are written read-only (0440): they are immutable once stored.
///
/// The type holds only paths, so it is `Sendable` and safe to use from several threads and processes at
/// once (two writers of the same object both succeed; one rename wins with identical bytes).
public struct FileSystemTier: Sendable {
    /// The tier's name in `lake.toml` (`hot`, `warm`…).
    public let name: String
    /// The tier's folder.
    public let root: String

    /// Bytes per read while copying.
    static let chunkSize = 1 << 20

    /// Bytes a staged copy writes before asking the kernel to start flushing them.
    static let writeBackInterval = 8 << 20

    public init(name: String, root: String) {
        self.name = name
        self.root = root
    }

    // MARK: - Layout

    /// The folder holding all objects.
    public var objectsFolder: String { root + "/objects" }

    /// The folder for in-flight writes (same file system as the objects, so rename is atomic).
    var temporaryFolder: String { root + "/tmp" }

    /// The shard folder for `digest` (`objects/ab`).
    public func folder(of digest: ObjectDigest) -> String {
        objectsFolder + "/" + String(digest.hex.prefix(2))
    }

    /// Where the object with `digest` lives (whether or not it is present).
    public func path(of digest: ObjectDigest) -> String {
        folder(of: digest) + "/" + String(digest.hex.dropFirst(2))
    }

    /// True when the object is present in this tier.
    public func contains(_ digest: ObjectDigest) -> Bool {
        var info = stat()
        return stat(path(of: digest), &info) == 0
    }

    /// Creates the tier's folders, with the 256 shard folders up front so that storing never has to
    /// (mode 02770: group members share them, the world has no access).
    public func prepare() throws {
        for folder in [root, objectsFolder, temporaryFolder] {
            try Self.makeFolder(folder)
        }
        for shard in 0..<256 {
            try Self.makeFolder(objectsFolder + "/" + String(shard >> 4, radix: 16) + String(shard & 15, radix: 16))
        }
    }

    // MARK: - Writing

    /// Stores `bytes`, hashing them first; writes nothing when the object is already present.
    public func store(bytes: UnsafeRawBufferPointer) throws -> StoredObject {
        var hasher = ContentHasher()
        hasher.update(bytes)
        let digest = hasher.finalize()
        let size = Int64(bytes.count)
        if contains(digest) { return StoredObject(digest: digest, size: size, alreadyPresent: true) }
        let temporary = try TemporaryFile(in: temporaryFolder)
        do {
            try temporary.append(bytes)
            return try commit(temporary, digest: digest, size: size)
        } catch {
            temporary.discard()
            throw error
        }
    }

    /// Stores the file at `sourcePath`, copying and hashing it in one pass.
    ///
    /// The copy is made before the digest is known; if the object turns out to be present the copy is
    /// discarded and nothing is renamed.
    public func store(contentsOf sourcePath: String) throws -> StoredObject {
        let source = open(sourcePath, O_RDONLY | O_CLOEXEC)
        guard source >= 0 else { throw StorageError(operation: "open", path: sourcePath, errno: errno) }
        defer { close(source) }
        let temporary = try TemporaryFile(in: temporaryFolder)
        do {
            var hasher = ContentHasher()
            var size: Int64 = 0
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.chunkSize, alignment: 16)
            defer { buffer.deallocate() }
            while true {
                let count = read(source, buffer.baseAddress, buffer.count)
                if count < 0 {
                    if errno == EINTR { continue }
                    throw StorageError(operation: "read", path: sourcePath, errno: errno)
                }
                if count == 0 { break }
                let chunk = UnsafeRawBufferPointer(rebasing: buffer[0..<count])
                hasher.update(chunk)
                try temporary.append(chunk)
                size += Int64(count)
            }
            let digest = hasher.finalize()
            if contains(digest) {
                temporary.discard()
                return StoredObject(digest: digest, size: size, alreadyPresent: true)
            }
            return try commit(temporary, digest: digest, size: size)
        } catch {
            temporary.discard()
            throw error
        }
    }

    // MARK: - Reading

    /// Re-hashes the stored object (on ``IOThreads``: it reads the whole file) and reports whether its bytes
    /// still match its name.
    public func verify(_ digest: ObjectDigest) async throws -> Bool {
        let path = path(of: digest)
        return try await IOThreads.perform { try ContentHasher.digest(ofFileAt: path).digest == digest }
    }

    // MARK: - Helpers

    func commit(_ temporary: TemporaryFile, digest: ObjectDigest, size: Int64) throws -> StoredObject {
        try temporary.finish()
        let shard = folder(of: digest)
        try Self.moveIntoPlace(temporary.path, to: path(of: digest), shard: shard)
        try Self.sync(folder: shard)
        return StoredObject(digest: digest, size: size, alreadyPresent: false)
    }

    /// Creates `folder` unless it exists, with mode 0700 set explicitly (whatever the umask): a tier is
    /// its lake owner's alone (a personal lake's user, a served lake's service account).
    static func makeFolder(_ folder: String) throws {
        if mkdir(folder, 0o700) == 0 {
            guard chmod(folder, 0o700) == 0 else { throw StorageError(operation: "chmod", path: folder, errno: errno) }
            return
        }
        if errno == EEXIST { return }
        throw StorageError(operation: "mkdir", path: folder, errno: errno)
    }

    static func sync(folder: String) throws {
        let descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw StorageError(operation: "open", path: folder, errno: errno) }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw StorageError(operation: "fsync", path: folder, errno: errno) }
    }
}
