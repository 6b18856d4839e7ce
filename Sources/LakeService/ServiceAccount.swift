#if canImport(Glibc)
import Glibc
#endif

/// The account the lake service runs as: the owner of the lake folder.
///
/// Started as root (by systemd), the service becomes that account before it opens anything, so the
/// catalog, keys and tiers are only ever opened with the account's rights; started as anyone else it
/// stays who it is (a personal lake served by its owner).
public enum ServiceAccount {
    /// Drops from root to the owner of `lakeRoot`: supplementary groups cleared, then the owner's primary
    /// group, then the owner's uid, each checked afterwards (and a way back to root must fail).
    /// Returns the uid served as.
    /// - Throws: ``LakeServiceError/rootOwnedLake(path:)`` for a lake owned by root (serving it would run
    ///   the engine as root); ``LakeServiceError/system(operation:path:errno:)`` when a step fails or
    ///   does not hold.
    @discardableResult
    public static func becomeOwner(of lakeRoot: String) throws -> uid_t {
        guard geteuid() == 0 else { return geteuid() }
        var info = stat()
        guard stat(lakeRoot, &info) == 0 else {
            throw LakeServiceError.system(operation: "stat", path: lakeRoot, errno: errno)
        }
        guard info.st_uid != 0 else { throw LakeServiceError.rootOwnedLake(path: lakeRoot) }
        let uid = info.st_uid
        guard let entry = getpwuid(uid) else { throw LakeServiceError.system(operation: "getpwuid", path: lakeRoot, errno: ENOENT) }
        let gid = entry.pointee.pw_gid
        // Order matters: groups and gid can only change while still root.
        guard setgroups(0, nil) == 0 else { throw LakeServiceError.system(operation: "setgroups", path: lakeRoot, errno: errno) }
        guard setgid(gid) == 0 else { throw LakeServiceError.system(operation: "setgid", path: lakeRoot, errno: errno) }
        guard setuid(uid) == 0 else { throw LakeServiceError.system(operation: "setuid", path: lakeRoot, errno: errno) }
        let dropped = getuid() == uid && geteuid() == uid && getgid() == gid && getegid() == gid
            && getgroups(0, nil) == 0 && setuid(0) != 0
        guard dropped else { throw LakeServiceError.system(operation: "verify dropped privileges", path: lakeRoot, errno: EPERM) }
        return uid
    }

    /// Runs this program again with the same arguments, as the account it now is.
    ///
    /// Needed after ``becomeOwner(of:)`` in an `async` program: its main thread has already exited into
    /// the dispatch loop, and that exited thread keeps root's credentials, which `ps` and `/proc` then
    /// show for the whole process. A fresh image has no such thread; every thread is the account.
    public static func reexecute(arguments: [String]) throws -> Never {
        var pointers: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) }
        pointers.append(nil)
        execv("/proc/self/exe", &pointers)
        throw LakeServiceError.system(operation: "execv", path: "/proc/self/exe", errno: errno)
    }
}
