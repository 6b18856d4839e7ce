import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A lake's secret key: 32 random bytes in a file of the lake's private key folder (`keys/`).
///
/// Every key of a lake (the audit key, the catalog pseudonym key, the de-identification key) lives in such
/// a file, readable by exactly the users who may write the catalog anyway:
/// - in a personal or served lake (no `[lake] group`), only the owner (later, the service account): the
///   folder is 0700 and the file 0600;
/// - in a shared in-process lake (`[lake] group`, catalog 0660 to the group), the key's group as well,
///   read-only (folder 02750, file 0640): its members write the catalog directly, so the key gives them
///   nothing they lack. Such lakes are meant to be served (`docs/integrity.md`), which makes them the first
///   kind.
/// A key file others may read, or one a group other than the key's group may read, is refused.
///
/// Keys are never printed: errors name the file, never its bytes.
enum KeyFile {
    /// The key size in bytes (HMAC-SHA256 wants at least 32).
    static let size = 32

    /// Reads the key at `path`, creating it (and its folder) when missing; `created` tells which.
    ///
    /// Creation uses `O_EXCL`, so of two processes creating the same key, one writes it and the other
    /// reads the winner's.
    static func loadOrCreate(path: String, group: gid_t?) throws -> (bytes: [UInt8], created: Bool) {
        let folder = (path as NSString).deletingLastPathComponent
        let folderMode: mode_t = group == nil ? 0o700 : 0o2750
        if mkdir(folder, folderMode) == 0 {
            if let group, chown(folder, uid_t.max, group) != 0 {
                throw GovernanceError.keyUnavailable(
                    path: path, reason: "cannot give its folder the lake group (errno \(errno))")
            }
            chmod(folder, folderMode)
        } else if errno != EEXIST {
            throw GovernanceError.keyUnavailable(path: path, reason: "cannot create its folder (errno \(errno))")
        }
        let fileMode: mode_t = group == nil ? 0o600 : 0o640
        let created = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        if created >= 0 {
            defer { close(created) }
            var generator = SystemRandomNumberGenerator()
            let bytes = (0..<size).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
            let written = bytes.withUnsafeBytes { write(created, $0.baseAddress, $0.count) }
            let grouped = group.map { fchown(created, uid_t.max, $0) == 0 } ?? true
            guard grouped, fchmod(created, fileMode) == 0, written == bytes.count, fsync(created) == 0 else {
                unlink(path)
                throw GovernanceError.keyUnavailable(path: path, reason: "cannot write it (errno \(errno))")
            }
            return (bytes, true)
        }
        guard errno == EEXIST else {
            throw GovernanceError.keyUnavailable(path: path, reason: "cannot create it (errno \(errno))")
        }
        return (try load(path: path, group: group), false)
    }

    /// Reads an existing key, refusing one that others may read, or that a group other than `group` may.
    static func load(path: String, group: gid_t?) throws -> [UInt8] {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw GovernanceError.keyUnavailable(path: path, reason: "missing (errno \(errno))")
        }
        guard info.st_mode & 0o007 == 0 else {
            throw GovernanceError.keyUnavailable(path: path, reason: "others may read it; chmod o-rwx it")
        }
        if info.st_mode & 0o070 != 0, group == nil || info.st_gid != group {
            throw GovernanceError.keyUnavailable(
                path: path,
                reason: "group \(info.st_gid) may read it but is not the lake's key group; chmod 600 or chgrp it")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw GovernanceError.keyUnavailable(
                path: path,
                reason: "not readable by this user; the key's owner (uid \(info.st_uid)) or its group "
                    + "(gid \(info.st_gid)) can run the step")
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
