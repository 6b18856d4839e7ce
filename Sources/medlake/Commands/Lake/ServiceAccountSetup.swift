import Foundation
import LakeEngine

#if canImport(Glibc)
import Glibc
#endif

/// Creates the lake service's Unix account when it does not exist yet (`medlake init --service-user`).
///
/// A system account (`useradd --system`) with no home folder and no login shell: nobody logs in as it;
/// it only owns the lake and runs `medlake serve`.
enum ServiceAccountSetup {
    /// The uid and primary gid of account `name`, created (with group `group`, created too, as its primary
    /// group; else a group of its own name) when missing.
    static func ensure(user name: String, group: String?) throws -> (uid: uid_t, gid: gid_t) {
        if let group, getgrnam(group) == nil { try run("/usr/sbin/groupadd", ["--system", group]) }
        if getpwnam(name) == nil {
            try run(
                "/usr/sbin/useradd",
                ["--system", "--no-create-home", "--home-dir", "/nonexistent", "--shell", "/usr/sbin/nologin"]
                    + (group.map { ["--gid", $0] } ?? ["--user-group"]) + [name])
        }
        guard let entry = getpwnam(name) else { throw LakeError.invalidArgument("No Unix user named \(name) after useradd.") }
        return (entry.pointee.pw_uid, entry.pointee.pw_gid)
    }

    private static func run(_ path: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw LakeError.invalidArgument(
                "\(path) \(arguments.joined(separator: " ")) failed with status \(process.terminationStatus).")
        }
    }
}
