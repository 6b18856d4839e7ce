import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A lake's secret key: 32 random bytes in a file of the lake's private key folder (`keys/`).
///
/// Every key of a lake (the audit key, the catalog pseudonym key, the de-identification key) lives in such
/// a file, readable only by the lake's owner (a personal lake's user, a served lake's service account):
/// the folder is 0700 and the file 0600. A key file group or others may read is refused.
///
/// Keys are never printed: errors name the file, never its bytes.
enum KeyFile {
    /// The key size in bytes (HMAC-SHA256 wants at least 32).
    static let size = 32

    /// Reads the key at `path`, creating it (and its folder) when missing; `created` tells which.
    ///
    /// Creation uses `O_EXCL`, so of two processes creating the same key, one writes it and the other
    /// reads the winner's.
    static func loadOrCreate(path: String) throws -> (bytes: [UInt8], created: Bool) {
        let folder = (path as NSString).deletingLastPathComponent
        if mkdir(folder, 0o700) == 0 {
            chmod(folder, 0o700)
        } else if errno != EEXIST {
            throw GovernanceError.keyUnavailable(path: path, reason: "cannot create its folder (errno \(errno))")
        }
        let created = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        if created >= 0 {
            defer { close(created) }
            var generator = SystemRandomNumberGenerator()
            let bytes = (0..<size).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
            let written = bytes.withUnsafeBytes { write(created, $0.baseAddress, $0.count) }
            guard fchmod(created, 0o600) == 0, written == bytes.count, fsync(created) == 0 else {
                unlink(path)
                throw GovernanceError.keyUnavailable(path: path, reason: "cannot write it (errno \(errno))")
            }
            return (bytes, true)
        }
        guard errno == EEXIST else {
            throw GovernanceError.keyUnavailable(path: path, reason: "cannot create it (errno \(errno))")
        }
        return (try load(path: path), false)
    }

    /// Reads an existing key, refusing one that group or others may read.
    static func load(path: String) throws -> [UInt8] {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw GovernanceError.keyUnavailable(path: path, reason: "missing (errno \(errno))")
        }
        guard info.st_mode & 0o077 == 0 else {
            throw GovernanceError.keyUnavailable(path: path, reason: "group or others may read it; chmod 600 it")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw GovernanceError.keyUnavailable(
                path: path,
                reason: "not readable by this user; the key's owner (uid \(info.st_uid)) can run the step")
        }
        guard data.count == size else {
            throw GovernanceError.keyUnavailable(path: path, reason: "not a \(size)-byte key")
        }
        return Array(data)
    }

    /// Whether a key file exists at `path`, whoever may read it: a folder this user may not search counts
    /// as holding the key, so that reading it then fails with a clear error instead of going without.
    static func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 || errno != ENOENT
    }
}
