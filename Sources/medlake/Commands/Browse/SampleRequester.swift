import Foundation
import LakeEngine

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The second person of the sample lake: the Unix user `medlake-sample`, who requests promotions that
/// the running user then approves, so the lake shows a request by another identity.
///
/// Only root can make it (CI and fresh machines run as root): the user is created with `useradd --system`
/// when missing, and each request runs as that user with `runuser` of a copy of this executable. The
/// sample lake stays personal (nothing in it is shared with `medlake-sample`): its requests go through a
/// lake service the setup runs on the lake's socket meanwhile (``SampleService``), which names the caller
/// from the kernel — nothing impersonates anyone. `SampleLake/lake.toml` gives `medlake-sample` the
/// curator role.
///
/// The copy lives in a folder of its own under `/tmp` (0711) because the build folder often sits in a
/// private one (a home directory, `mktemp -d`) that `medlake-sample` cannot search. The lake itself cannot
/// be copied: when `medlake-sample` cannot reach its socket, ``make(for:)`` names the folder in the way.
struct SampleRequester {
    static let userName = "medlake-sample"

    /// The copy of this executable that `medlake-sample` runs, in ``folder``.
    let executable: String
    /// The private folder holding the copy; ``remove()`` deletes it.
    let folder: String
    let lakeRoot: String

    /// The requester for `lake`, or the reason there is none (not root, no `useradd`/`runuser`, the lake
    /// out of `medlake-sample`'s reach).
    static func make(for lake: Lake) -> Result<SampleRequester, SampleSetupNote> {
        guard geteuid() == 0 else { return .failure(.notRoot) }
        guard FileManager.default.isExecutableFile(atPath: "/usr/sbin/runuser") else { return .failure(.noTool("runuser")) }
        if getpwnam(userName) == nil {
            guard FileManager.default.isExecutableFile(atPath: "/usr/sbin/useradd"),
                run("/usr/sbin/useradd", ["--system", "--user-group", "--no-create-home", "--shell", "/usr/sbin/nologin",
                                          userName]).status == 0
            else { return .failure(.noTool("useradd")) }
        }
        guard let account = getpwnam(userName)?.pointee else { return .failure(.noTool("user " + userName)) }
        // The lake folder itself is opened to search while the service runs (``SampleService``).
        let parent = (lake.root as NSString).deletingLastPathComponent
        if let barrier = SearchBarrier.first(on: parent, uid: account.pw_uid, gid: account.pw_gid) {
            return .failure(.unreachable(barrier))
        }
        let folder: String
        let executable: String
        do {
            (folder, executable) = try copyExecutable()
        } catch {
            return .failure(.noTool("a copy of medlake under /tmp (\(error))"))
        }
        let requester = SampleRequester(executable: executable, folder: folder, lakeRoot: lake.root)
        if let barrier = SearchBarrier.first(on: folder, uid: account.pw_uid, gid: account.pw_gid) {
            requester.remove()
            return .failure(.unreachable(barrier))
        }
        return .success(requester)
    }

    /// Deletes the copy of the executable and its folder.
    func remove() {
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// Copies `/proc/self/exe` into a new folder under `/tmp` (0711; the copy 0755), written through a
    /// close-on-exec descriptor so no child process inherits it open for writing ("Text file busy").
    private static func copyExecutable() throws -> (folder: String, executable: String) {
        var template = Array("/tmp/medlake-sample-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        let folder = String(cString: made)
        let executable = folder + "/medlake"
        do {
            guard chmod(folder, 0o711) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
            let bytes = try Data(contentsOf: URL(fileURLWithPath: "/proc/self/exe"))
            let descriptor = open(executable, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o755)
            guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
            defer { close(descriptor) }
            try FileHandle(fileDescriptor: descriptor, closeOnDealloc: false).write(contentsOf: bytes)
            guard fchmod(descriptor, 0o755) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        } catch {
            try? FileManager.default.removeItem(atPath: folder)
            throw error
        }
        return (folder, executable)
    }

    /// Runs `medlake ARGUMENTS --lake ROOT` as `medlake-sample`, which reaches the lake through the
    /// service on its socket (``SampleService``).
    ///
    /// Waited for on a dispatch thread, not on the caller's: the service answering the command runs in this
    /// process, on the threads a blocked caller could otherwise hold.
    /// - Throws: ``SampleSetupNote/requestFailed(_:)`` with the command's error output.
    func medlake(_ arguments: [String]) async throws {
        let command = ["-u", Self.userName, "--", executable] + arguments + ["--lake", lakeRoot]
        let result = await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: Self.run("/usr/sbin/runuser", command)) }
        }
        guard result.status == 0 else { throw SampleSetupNote.requestFailed(result.errors) }
    }

    private static func run(_ tool: String, _ arguments: [String]) -> (status: Int32, errors: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        let errors = Pipe()
        process.standardError = errors
        do { try process.run() } catch { return (-1, String(describing: error)) }
        let data = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}

/// Why the sample lake was built without its second identity; shown after the build and in the workbench.
enum SampleSetupNote: Error, CustomStringConvertible {
    case notRoot
    case noTool(String)
    case unreachable(SearchBarrier)
    case requestFailed(String)

    var description: String {
        let missing = "no pending promotion by another identity and no training version"
        switch self {
        case .notRoot: return "Sample lake built as a regular user: \(missing) (they need a second Unix user; see SampleLake/README.md)."
        case .noTool(let tool): return "Sample lake: \(missing) (cannot use \(tool) to act as \(SampleRequester.userName))."
        case .unreachable(let barrier):
            return "Sample lake: \(SampleRequester.userName) cannot reach the lake (\(barrier)), so \(missing); "
                + "clone the repository where other users can search every parent folder (e.g. under /srv)."
        case .requestFailed(let errors):
            return "Sample lake: \(missing): the request as \(SampleRequester.userName) failed: "
                + errors.trimmingCharacters(in: .whitespacesAndNewlines).prefix(200)
        }
    }
}
