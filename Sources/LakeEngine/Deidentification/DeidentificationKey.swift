import DICOM
import Foundation
import Storage

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The lake's secret de-identification key and the keyed replacements made with it.
///
/// The key is 32 random bytes in a file outside the catalog (`[governance] key_file`, default
/// `keys/deidentification.key`), created by `medlake init` (or on first use, for older lakes):
/// - in a lake with a `[lake] group`, the folder is 02750 and the file 0640, both owned by the lake's
///   creator with that group (or `[governance] key_group`, to narrow it to curators), so every curator
///   in the group can execute a curated promotion while nobody else can read the key;
/// - in a single-user lake, the folder is 0700 and the file 0600.
/// A key file others may read, or group-readable by a group other than the configured one, is refused.
/// The key id (first 16 hex digits of its SHA-256) is recorded with every transform, so a version names
/// the key that made it without revealing it.
public struct DeidentificationKey: DeidentificationKeying {
    /// First 16 hexadecimal digits of the key's SHA-256.
    public let id: String
    private let hasher: KeyedHasher

    init(bytes: [UInt8]) {
        id = String(ContentHasher.digest(of: bytes).hex.prefix(16))
        hasher = KeyedHasher(key: bytes)
    }

    /// Reads the key at `path`, creating it (and its folder) when missing, shared with group `group`
    /// (read-only) when given.
    static func loadOrCreate(path: String, group: gid_t?) throws -> DeidentificationKey {
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
            let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
            let written = bytes.withUnsafeBytes { write(created, $0.baseAddress, $0.count) }
            let grouped = group.map { fchown(created, uid_t.max, $0) == 0 } ?? true
            guard grouped, fchmod(created, fileMode) == 0, written == bytes.count, fsync(created) == 0 else {
                unlink(path)
                throw GovernanceError.keyUnavailable(path: path, reason: "cannot write it (errno \(errno))")
            }
            return DeidentificationKey(bytes: bytes)
        }
        guard errno == EEXIST else {
            throw GovernanceError.keyUnavailable(path: path, reason: "cannot create it (errno \(errno))")
        }
        return try load(path: path, group: group)
    }

    /// Reads an existing key, refusing one that others may read, or that a group other than `group` may.
    static func load(path: String, group: gid_t?) throws -> DeidentificationKey {
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
        guard data.count == 32 else { throw GovernanceError.keyUnavailable(path: path, reason: "not a 32-byte key") }
        return DeidentificationKey(bytes: Array(data))
    }

    // MARK: - DeidentificationKeying

    public func remapUID(_ uid: String) -> String {
        "2.25." + Self.decimal(Array(hasher.mac("uid:" + uid).prefix(16)))
    }

    public func pseudonym(forPatient id: String) -> String {
        "ANON-" + Self.hex(hasher.mac("patient:" + id).prefix(8))
    }

    public func dateShiftDays(forPatient id: String) -> Int {
        let bytes = hasher.mac("date:" + id)
        let value = bytes.prefix(4).reduce(0) { $0 << 8 | Int($1) }
        return 1 + value % 3650
    }

    /// The pseudonym standing for sample `name`.
    public func pseudonym(forSample name: String) -> String {
        "ANON-S-" + Self.hex(hasher.mac("sample:" + name).prefix(8))
    }

    // MARK: - Formatting

    static func hex<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> String {
        bytes.map { String(format: "%02X", $0) }.joined()
    }

    /// The big-endian unsigned integer in `bytes`, in decimal (no leading zeros), by repeated division.
    static func decimal(_ bytes: [UInt8]) -> String {
        var number = bytes
        var digits: [UInt8] = []
        while number.contains(where: { $0 != 0 }) {
            var remainder = 0
            for index in number.indices {
                let value = remainder << 8 | Int(number[index])
                number[index] = UInt8(value / 10)
                remainder = value % 10
            }
            digits.append(UInt8(remainder) + 0x30)
        }
        return digits.isEmpty ? "0" : String(decoding: digits.reversed(), as: UTF8.self)
    }
}
