#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension FileSystemTier {
    /// Where the tier's ``TierIdentity`` lives: `<root>/.medlake-tier`.
    public var identityPath: String { root + "/" + TierIdentity.fileName }

    /// Reads the identity file (through symlinks, as every other access of the tier does).
    /// - Throws: ``StorageError`` when the file or folder cannot be read for another reason than absence.
    public func readIdentity() throws -> TierIdentityState {
        let descriptor = open(identityPath, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            guard errno == ENOENT else { throw StorageError(operation: "open", path: identityPath, errno: errno) }
            var info = stat()
            return stat(root, &info) == 0 ? .missing : .noFolder
        }
        defer { close(descriptor) }
        var bytes = [UInt8](repeating: 0, count: 1024)
        let count = bytes.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        guard count >= 0 else { throw StorageError(operation: "read", path: identityPath, errno: errno) }
        guard let identity = TierIdentity(text: String(decoding: bytes.prefix(count), as: UTF8.self)) else {
            return .unreadable
        }
        return .present(identity)
    }

    /// Writes `identity` into a new identity file (0440, durable) and returns what the file then says:
    /// `identity`, or the identity another process wrote first (the file is never replaced).
    public func writeIdentity(_ identity: TierIdentity) throws -> TierIdentityState {
        let descriptor = open(identityPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o400)
        guard descriptor >= 0 else {
            guard errno == EEXIST else { throw StorageError(operation: "create", path: identityPath, errno: errno) }
            return try readIdentity()
        }
        do {
            try Array(identity.text.utf8).withUnsafeBytes { try writeAll($0, to: descriptor, path: identityPath) }
            guard fchmod(descriptor, 0o400) == 0, fsync(descriptor) == 0 else {
                throw StorageError(operation: "write", path: identityPath, errno: errno)
            }
        } catch {
            close(descriptor)
            unlink(identityPath)
            throw error
        }
        close(descriptor)
        try Self.sync(folder: root)
        return .present(identity)
    }

    /// True when the tier's folder holds no object file.
    public func holdsNoObjects() throws -> Bool {
        for shard in try Self.entries(of: objectsFolder) where shard.utf8.count == 2 {
            if try !Self.entries(of: objectsFolder + "/" + shard).isEmpty { return false }
        }
        return true
    }
}
