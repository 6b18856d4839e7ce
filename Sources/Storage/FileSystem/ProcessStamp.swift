#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Which process, in which boot of the machine, wrote a temporary file: recorded in the file's name
/// (`…-p<pid>-b<boot id>-…`) so that a later process can prove the writer is gone and remove the file at
/// once, instead of waiting hours in case the writer is still running.
///
/// A writer is provably dead when the file was written in an earlier boot (the kernel's boot id
/// differs) or when no process with its pid exists now. A process that reused the pid counts as alive,
/// and so does one owned by another user (`kill` answers EPERM): in doubt the file stays.
public struct ProcessStamp: Sendable, Hashable {
    /// The writer's process id.
    public var pid: Int32
    /// The kernel's boot id when the file was written, without dashes (empty where the platform has none).
    public var bootID: String

    /// This process, in this boot.
    public static let current = ProcessStamp(pid: getpid(), bootID: readBootID())

    public init(pid: Int32, bootID: String) {
        self.pid = pid
        self.bootID = bootID
    }

    /// The part of a file name that records the stamp (`p1234-b0123abcd…-`).
    public var nameComponent: String { "p\(pid)-b\(bootID)-" }

    /// The stamp inside a temporary file's name, or nil when the name carries none (files of versions that
    /// did not record their writer, or of other programs).
    public init?(fileName: String) {
        let parts = fileName.split(separator: "-", omittingEmptySubsequences: false)
        for index in parts.indices.dropLast(2) {
            let pidPart = parts[index]
            let bootPart = parts[index + 1]
            guard pidPart.first == "p", let pid = Int32(pidPart.dropFirst()), pid > 0, bootPart.first == "b",
                bootPart.dropFirst().allSatisfy(\.isHexDigit)
            else { continue }
            self.init(pid: pid, bootID: String(bootPart.dropFirst()))
            return
        }
        return nil
    }

    /// True when the writer cannot be running any more: another boot, or no process with its pid.
    public var writerIsDead: Bool {
        if !bootID.isEmpty, !Self.current.bootID.isEmpty, bootID != Self.current.bootID { return true }
        if pid == Self.current.pid { return false }
        return kill(pid, 0) != 0 && errno == ESRCH
    }

    /// The kernel's boot id (`/proc/sys/kernel/random/boot_id`) without dashes, or "" where there is none.
    private static func readBootID() -> String {
        let descriptor = open("/proc/sys/kernel/random/boot_id", O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return "" }
        defer { close(descriptor) }
        var bytes = [UInt8](repeating: 0, count: 64)
        let count = bytes.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        guard count > 0 else { return "" }
        return String(decoding: bytes.prefix(count), as: UTF8.self).filter(\.isHexDigit).lowercased()
    }
}
