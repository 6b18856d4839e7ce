import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Lake {
    /// Refuses, before anything in it is read or written, a lake folder that is not the running user's
    /// personal lake: the folder and every entry in it must belong to the process's effective user; the
    /// folder may let group and others search it (a served lake's folder is 0711 so that its users reach
    /// `medlake.sock`) but not read or write it; every entry gives them nothing. The service's socket is
    /// the one entry left out: connecting to it grants nothing by itself.
    ///
    /// One level is enough: an entry that gives others nothing hides what it holds, so nobody but the
    /// owner reaches the catalog, the keys or an object. Folder tiers outside the lake and a key file
    /// elsewhere are checked by ``requirePersonal(root:configuration:)`` once `lake.toml` is read.
    ///
    /// Every in-process opener goes through here (``open(at:verifyingTiers:)``, ``rebuildObjects(at:)``),
    /// and with them the CLI, the workbench, the worker and the sample setup; the service passes too,
    /// having become the lake's owner first.
    /// - Throws: ``PersonalLakeError``; ``LakeError/system(operation:path:errno:)`` when the folder
    ///   cannot be listed.
    static func requirePersonal(root: String) throws {
        try requirePersonalEntry(root: root, path: root, allowedOthers: 0o011)
        let entries: [String]
        do {
            entries = try FileManager.default.contentsOfDirectory(atPath: root)
        } catch {
            throw LakeError.system(operation: "list", path: root, errno: EACCES)
        }
        for entry in entries.sorted() {
            try requirePersonalEntry(root: root, path: root + "/" + entry, allowedOthers: 0)
        }
    }

    /// Refuses a lake whose folder tiers or de-identification key file (wherever `lake.toml` puts them)
    /// are not the running user's alone (see ``requirePersonal(root:)``).
    /// - Throws: ``PersonalLakeError``.
    static func requirePersonal(root: String, configuration: LakeConfiguration) throws {
        for path in configuration.namedPaths(lakeRoot: root) {
            try requirePersonalEntry(root: root, path: path, allowedOthers: 0)
        }
    }

    /// Checks one existing entry's owner and mode (following a symbolic link to what it names); a missing
    /// entry and a socket pass.
    private static func requirePersonalEntry(root: String, path: String, allowedOthers: mode_t) throws {
        var info = stat()
        guard stat(path, &info) == 0 else {
            if errno == ENOENT { return }
            // Unreadable metadata means another user's folder stands in the way: not this user's lake.
            throw PersonalLakeError.notOwner(root: root, path: path, owner: nil, user: geteuid())
        }
        if info.st_mode & S_IFMT == S_IFSOCK { return }
        guard info.st_uid == geteuid() else {
            throw PersonalLakeError.notOwner(root: root, path: path, owner: info.st_uid, user: geteuid())
        }
        guard info.st_mode & 0o077 & ~allowedOthers == 0 else {
            throw PersonalLakeError.sharedAccess(root: root, path: path, mode: UInt32(info.st_mode & 0o7777))
        }
    }
}
