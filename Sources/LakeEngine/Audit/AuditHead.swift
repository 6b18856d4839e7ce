import Foundation
import Storage

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The keyed head checkpoint of the audit log: the newest event's sequence number and hash, and where the
/// keyed chain starts, MAC'd under the audit key and kept outside the catalog (`keys/audit.head`).
///
/// The chain alone cannot show that its newest events were deleted (a shorter chain is still a valid
/// chain); the checkpoint can, and nobody without the audit key can write one that verifies. It is
/// rewritten after every committed append (temporary file, fsync, rename, fsync of the folder) under an
/// exclusive `flock` of the key folder, and never moves backwards, so of two processes appending at once
/// the later event wins.
///
/// The file is text, one field a line:
/// ```
/// medlake-audit-head 1
/// seq 42
/// hash 9f…
/// keyed-from 1
/// mac 0c…
/// ```
struct AuditHead: Hashable, Sendable {
    /// The newest event covered.
    var seq: Int64
    /// That event's hash.
    var hash: String
    /// The first event hashed with the audit key: 1 for a lake made keyed, the switch-over event
    /// (`audit.keyed`) for a lake whose older events keep their unkeyed SHA-256 chain.
    var keyedFrom: Int64

    static let magic = "medlake-audit-head 1"

    /// The lines the MAC covers.
    var signedText: String { "\(Self.magic)\nseq \(seq)\nhash \(hash)\nkeyed-from \(keyedFrom)\n" }

    /// Why a checkpoint file cannot be used.
    enum Problem: Error, Equatable {
        /// The file's MAC does not verify under the audit key, or its text is not a checkpoint.
        case forged
    }

    // MARK: - Reading

    /// The checkpoint at `path`, or nil when there is none.
    /// - Throws: ``Problem/forged`` for a file that does not verify; ``LakeError`` when it cannot be read.
    static func read(path: String, key: KeyedHasher) throws -> AuditHead? {
        guard let data = FileManager.default.contents(atPath: path) else {
            if !KeyFile.exists(path) { return nil }
            throw LakeError.system(operation: "read", path: path, errno: EACCES)
        }
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
        func field(_ index: Int, _ name: String) -> String? {
            guard lines.indices.contains(index), lines[index].hasPrefix(name + " ") else { return nil }
            return String(lines[index].dropFirst(name.count + 1))
        }
        guard lines.count == 5, lines[0] == magic, let seq = field(1, "seq").flatMap({ Int64($0) }),
            let hash = field(2, "hash"), let keyedFrom = field(3, "keyed-from").flatMap({ Int64($0) }),
            let mac = field(4, "mac")
        else { throw Problem.forged }
        let head = AuditHead(seq: seq, hash: hash, keyedFrom: keyedFrom)
        guard Self.constantTimeEqual(mac, head.mac(key)) else { throw Problem.forged }
        return head
    }

    /// The checkpoint's MAC in hexadecimal.
    func mac(_ key: KeyedHasher) -> String {
        key.macHex(of: Array(signedText.utf8))
    }

    // MARK: - Writing

    /// Writes `self` at `path` (0600, like the audit key) unless the checkpoint there is newer, durably and
    /// atomically.
    func write(path: String, key: KeyedHasher) throws {
        let folder = (path as NSString).deletingLastPathComponent
        let lock = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard lock >= 0 else { throw LakeError.system(operation: "open", path: folder, errno: errno) }
        defer { close(lock) }
        guard flock(lock, LOCK_EX) == 0 else { throw LakeError.system(operation: "flock", path: folder, errno: errno) }
        if let current = try? Self.read(path: path, key: key), current.seq >= seq { return }
        let text = signedText + "mac \(mac(key))\n"
        let temporary = path + ".new-" + String(UInt32.random(in: 0..<UInt32.max), radix: 36)
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw LakeError.system(operation: "create", path: temporary, errno: errno) }
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
        let failure = written == bytes.count && fchmod(descriptor, 0o600) == 0 && fsync(descriptor) == 0
            ? 0 : errno
        close(descriptor)
        guard failure == 0, rename(temporary, path) == 0 else {
            let code = failure != 0 ? failure : errno
            unlink(temporary)
            throw LakeError.system(operation: "write", path: path, errno: code)
        }
        fsync(lock)
    }

    // MARK: - Helpers

    /// Compares two MACs in time independent of where they differ.
    static func constantTimeEqual(_ lhs: String, _ rhs: String) -> Bool {
        let left = Array(lhs.utf8)
        let right = Array(rhs.utf8)
        guard left.count == right.count else { return false }
        return zip(left, right).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
