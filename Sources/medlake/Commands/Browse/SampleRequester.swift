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
/// when missing, the lake's catalog and tiers are shared with its group, and each request runs as that
/// user with `runuser` of this same executable — the engine still takes the actor from the OS, nothing
/// impersonates anyone. `SampleLake/lake.toml` gives `medlake-sample` the curator role.
struct SampleRequester {
    static let userName = "medlake-sample"

    let executable: String
    let lakeRoot: String

    /// The requester for `lake`, or the reason there is none (not root, no `useradd`/`runuser`).
    static func make(for lake: Lake) -> Result<SampleRequester, SampleSetupNote> {
        guard geteuid() == 0 else { return .failure(.notRoot) }
        guard FileManager.default.isExecutableFile(atPath: "/usr/sbin/runuser") else { return .failure(.noTool("runuser")) }
        guard let executable = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") else {
            return .failure(.noTool("/proc/self/exe"))
        }
        if getpwnam(userName) == nil {
            guard FileManager.default.isExecutableFile(atPath: "/usr/sbin/useradd"),
                run("/usr/sbin/useradd", ["--system", "--user-group", "--no-create-home", "--shell", "/usr/sbin/nologin",
                                          userName]).status == 0
            else { return .failure(.noTool("useradd")) }
        }
        guard let group = getgrnam(userName)?.pointee.gr_gid else { return .failure(.noTool("group " + userName)) }
        let requester = SampleRequester(executable: executable, lakeRoot: lake.root)
        requester.share(group: group)
        return .success(requester)
    }

    /// Runs `medlake ARGUMENTS --lake ROOT` as `medlake-sample`.
    /// - Throws: ``SampleSetupNote/requestFailed(_:)`` with the command's error output.
    func medlake(_ arguments: [String]) throws {
        let result = Self.run("/usr/sbin/runuser", ["-u", Self.userName, "--", executable] + arguments + ["--lake", lakeRoot])
        guard result.status == 0 else { throw SampleSetupNote.requestFailed(result.errors) }
    }

    /// Gives the group read and write on the catalog, read on the lake id (checked against the catalog
    /// at every open) and read on the tiers (the policy checks read objects).
    private func share(group: gid_t) {
        for suffix in ["", "-wal", "-shm"] {
            let path = lakeRoot + "/" + Lake.catalogFileName + suffix
            _ = chown(path, uid_t.max, group)
            _ = chmod(path, 0o660)
        }
        _ = chown(lakeRoot + "/" + Lake.identityFileName, uid_t.max, group)
        _ = chmod(lakeRoot + "/" + Lake.identityFileName, 0o440)
        let tiers = lakeRoot + "/tiers"
        _ = chown(tiers, uid_t.max, group)
        let files = FileManager.default.enumerator(atPath: tiers)
        while let relative = files?.nextObject() as? String {
            let path = tiers + "/" + relative
            var info = stat()
            guard lstat(path, &info) == 0 else { continue }
            _ = chown(path, uid_t.max, group)
            _ = chmod(path, (info.st_mode & 0o7777) | ((info.st_mode & S_IFMT) == S_IFDIR ? 0o2050 : 0o040))
        }
        _ = chmod(tiers, 0o2770)
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
    case requestFailed(String)

    var description: String {
        let missing = "no pending promotion by another identity and no training version"
        switch self {
        case .notRoot: return "Sample lake built as a regular user: \(missing) (they need a second Unix user; see SampleLake/README.md)."
        case .noTool(let tool): return "Sample lake: \(missing) (cannot use \(tool) to act as \(SampleRequester.userName))."
        case .requestFailed(let errors):
            return "Sample lake: \(missing): the request as \(SampleRequester.userName) failed: "
                + errors.trimmingCharacters(in: .whitespacesAndNewlines).prefix(200)
        }
    }
}
