import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes an export to a path the user typed, all at once and never through a planted symlink.
///
/// The bytes go to a new temporary file beside the target, created with `O_CREAT | O_EXCL |
/// O_NOFOLLOW` (mode 0600: exports hold catalog data), flushed with `fsync`, then hard-linked to the
/// target name. `link` fails if anything (a file, a directory, a symlink) is already at that name and
/// never follows a symlink, so an existing file is never overwritten, a symlink planted at the path
/// (pointing at `~/.bashrc`, say) is never written through, and a reader never sees a half-written
/// file. The temporary name is removed in every case.
enum ExportFile {
    /// Why an export could not be written: the operation, the path and the system's reason.
    struct Failure: Error, Sendable, Hashable, CustomStringConvertible {
        var operation: String
        var path: String
        var code: Int32

        var description: String {
            let reason = code == EEXIST ? "something already exists there; choose a new name"
                : String(cString: strerror(code))
            return "Cannot \(operation) \(path): \(reason)."
        }
    }

    /// Writes `data` to `path` (`~/` is the home folder; relative paths start at the working folder).
    static func save(_ data: Data, to path: String) throws(Failure) {
        let target = expand(path)
        let folder = (target as NSString).deletingLastPathComponent
        let directory = folder.isEmpty ? "." : folder
        var temporary = ""
        var descriptor: Int32 = -1
        while descriptor < 0 {
            temporary = directory + "/.medlake-export-" + String(UInt64.random(in: .min ... .max), radix: 36) + ".partial"
            descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
            if descriptor < 0, errno != EEXIST { throw Failure(operation: "write to", path: path, code: errno) }
        }
        defer { unlink(temporary) }
        let written = data.withUnsafeBytes { bytes -> Int32 in
            var offset = 0
            while let base = bytes.baseAddress, offset < bytes.count {
                let count = write(descriptor, base + offset, bytes.count - offset)
                if count < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += count
            }
            return fsync(descriptor) == 0 ? 0 : errno
        }
        close(descriptor)
        if written != 0 { throw Failure(operation: "write to", path: path, code: written) }
        if link(temporary, target) != 0 { throw Failure(operation: "export to", path: path, code: errno) }
    }

    private static func expand(_ path: String) -> String {
        guard path.hasPrefix("~/"), let home = getenv("HOME") else { return path }
        return String(cString: home) + String(path.dropFirst())
    }
}
